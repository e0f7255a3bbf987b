package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A note staff keep about a member (never shown to the member). */
@MappedEntity("staff_notes")
public record StaffNote(@Id @GeneratedValue @Nullable Long id, long memberId, long authorId, String body, Instant createdAt) {
}
