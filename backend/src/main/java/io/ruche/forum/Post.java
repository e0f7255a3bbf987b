package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One message of a thread: its Markdown source and the sanitized HTML rendered from it at write time. */
@MappedEntity("posts")
public record Post(@Id @GeneratedValue @Nullable Long id,
                   long threadId,
                   long authorId,
                   int position,
                   @Nullable Long replyToId,
                   String bodySource,
                   String bodyHtml,
                   int reactionCount,
                   int editCount,
                   Instant createdAt,
                   @Nullable Instant editedAt,
                   @Nullable Instant deletedAt,
                   @Nullable Long deletedById) {

    public static Post write(long threadId, long authorId, int position, @Nullable Long replyToId, String source,
                             String html, Instant now) {
        return new Post(null, threadId, authorId, position, replyToId, source, html, 0, 0, now, null, null, null);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
