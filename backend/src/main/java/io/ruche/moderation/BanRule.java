package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A banned address, e-mail domain or address range. */
@MappedEntity("bans")
public record BanRule(@Id @GeneratedValue @Nullable Long id, String kind, String value, String reason, long createdBy,
                      Instant createdAt) {
}
