package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("members")
public record Member(@Id @GeneratedValue @Nullable Long id,
                     String username,
                     String email,
                     String passwordHash,
                     String displayName,
                     String bio,
                     Role role,
                     @Nullable String locale,
                     Instant createdAt,
                     @Nullable Instant emailVerifiedAt,
                     @Nullable Instant deletionDueAt) {

    public static Member register(String username, String email, String passwordHash, String displayName,
                                  @Nullable String locale, Role role, Instant now) {
        return new Member(null, username, email, passwordHash, displayName, "", role, locale, now,
                role == Role.ADMIN ? now : null, null);
    }

    public Member withProfile(String displayName, String bio, @Nullable String locale) {
        return new Member(id, username, email, passwordHash, displayName, bio, role, locale, createdAt, emailVerifiedAt,
                deletionDueAt);
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public boolean isStaff() {
        return role == Role.ADMIN || role == Role.MODERATOR;
    }
}
