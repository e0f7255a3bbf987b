package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An invitation, stored by the SHA-256 of its code. */
@MappedEntity("invites")
public record InviteCode(@Id String id, String email, long createdBy, Instant createdAt, Instant expiresAt,
                         @Nullable Long usedBy, @Nullable Instant usedAt) {
}
