package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.ruche.platform.Problems;

import java.util.Set;

/**
 * Who is calling: a guest, or a member with a role and groups. The one way a controller learns the caller's
 * identity (it declares a {@code Viewer} argument, bound by {@link ViewerBinder}); access decisions start here.
 */
public record Viewer(@Nullable Long memberId, @Nullable Role role, Set<Long> groupIds) {

    public static final Viewer GUEST = new Viewer(null, null, Set.of());

    public boolean isMember() {
        return memberId != null;
    }

    public boolean isStaff() {
        return role == Role.MODERATOR || role == Role.ADMIN;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The member's id; a guest is asked to sign in (401). */
    public long requireMember() {
        if (memberId == null) {
            throw Problems.unauthorized("problem.signInRequired");
        }
        return memberId;
    }

    /** True when this is the member with that id. */
    public boolean is(long otherMemberId) {
        return memberId != null && memberId == otherMemberId;
    }
}
