package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Response bodies of the accounts API, shaped explicitly: never the entity (no hash, no e-mail leak). */
public final class AccountViews {

    private AccountViews() {
    }

    /** Where a member's avatar is served (the generated one, or a redirect to the one they uploaded). */
    public static String avatarPath(String username) {
        return "/api/v1/members/" + username + "/avatar.svg";
    }

    /** The signed-in member, as they see themselves. */
    @Serdeable
    public record Self(long id, String username, String email, String displayName, String bio, Role role,
                       @Nullable String locale, Instant joinedAt, String avatarUrl, boolean emailVerified,
                       @Nullable Instant deletionDueAt) {
        static Self of(Member m) {
            return new Self(m.id(), m.username(), m.email(), m.displayName(), m.bio(), m.role(), m.locale(),
                    m.createdAt(), avatarPath(m.username()), m.emailVerified(), m.deletionDueAt());
        }
    }

    /** The answer to a sign-up on a site that verifies addresses: a link is on its way to {@code email}. */
    @Serdeable
    public record VerificationSent(boolean verificationSent, String email) {
    }

    /** {@code GET /api/v1/session}: who is browsing, and whether the site still needs its first admin. */
    @Serdeable
    public record Session(boolean authenticated, @Nullable Self member, boolean setupRequired) {
    }

    /** A public profile. {@code canEdit} tells the UI whether to offer the edit form. */
    @Serdeable
    public record Profile(String username, String displayName, String bio, Role role, Instant joinedAt,
                          String avatarUrl, boolean canEdit) {
        static Profile of(Member m, boolean canEdit) {
            return new Profile(m.username(), m.displayName(), m.bio(), m.role(), m.createdAt(),
                    avatarPath(m.username()), canEdit);
        }
    }

    /** A row of the admin member directory. */
    @Serdeable
    public record MemberRow(long id, String username, String email, String displayName, Role role,
                            Instant joinedAt, List<String> groups) {
    }

    @Serdeable
    public record MemberPage(List<MemberRow> items, @Nullable Long nextAfter) {
    }

    @Serdeable
    public record Group(long id, String name, String description, long memberCount) {
    }

    @Serdeable
    public record GroupMember(String username, String displayName, Instant addedAt) {
    }
}
