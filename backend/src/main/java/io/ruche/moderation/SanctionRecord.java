package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A warning, silence or suspension of a member, until it ends or is lifted. */
@MappedEntity("sanctions")
public record SanctionRecord(@Id @GeneratedValue @Nullable Long id, long memberId, String kind, String reason, long createdBy,
                             Instant createdAt, @Nullable Instant endsAt, @Nullable Instant liftedAt,
                             @Nullable Long liftedBy) {
}
