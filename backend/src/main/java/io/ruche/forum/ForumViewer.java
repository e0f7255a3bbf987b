package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.ruche.accounts.Role;

import java.util.Set;

/** Who is reading: a guest, or a member with a role and groups. Access decisions start here. */
public record ForumViewer(@Nullable Long memberId, @Nullable Role role, Set<Long> groupIds) {

    public static final ForumViewer GUEST = new ForumViewer(null, null, Set.of());

    public boolean isMember() {
        return memberId != null;
    }

    public boolean isStaff() {
        return role == Role.MODERATOR || role == Role.ADMIN;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
