package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One item of the review queue: a flagged post or a held one. */
@MappedEntity("review_items")
public record ReviewItem(@Id @GeneratedValue @Nullable Long id, @Nullable Long postId, @Nullable Long queuedPostId, String reason,
                         long categoryId, long authorId, String status, @Nullable Long claimedBy,
                         @Nullable Instant claimedAt, Instant createdAt, @Nullable Instant resolvedAt,
                         @Nullable Long resolvedBy, @Nullable String resolution) {
}
