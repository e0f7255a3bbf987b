package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A new thread or reply held for review, as its author wrote it. */
@MappedEntity("queued_posts")
public record QueuedPost(@Id @GeneratedValue @Nullable Long id, long authorId, @Nullable Long threadId, long categoryId,
                         @Nullable String title, String tags, @Nullable Long replyToId, String bodySource, String reason,
                         String detail, String status, Instant createdAt, @Nullable Instant decidedAt,
                         @Nullable Long decidedBy, @Nullable Long postId) {
}
