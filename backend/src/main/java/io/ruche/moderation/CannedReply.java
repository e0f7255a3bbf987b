package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A reply moderators insert often (welcome, rules reminder). */
@MappedEntity("canned_replies")
public record CannedReply(@Id @GeneratedValue @Nullable Long id, String title, String body, long createdBy, Instant createdAt) {
}
