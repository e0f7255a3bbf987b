package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A discussion or question. (Shadows java.lang.Thread inside this package.) */
@MappedEntity("threads")
public record Thread(@Id @GeneratedValue @Nullable Long id,
                     long categoryId,
                     long authorId,
                     String title,
                     String slug,
                     boolean pinned,
                     boolean pinnedGlobally,
                     boolean locked,
                     boolean archived,
                     @Nullable Long acceptedPostId,
                     int postCount,
                     int viewCount,
                     int reactionCount,
                     int participantCount,
                     @Nullable Long lastPostId,
                     @Nullable Long lastPosterId,
                     Instant lastPostAt,
                     Instant createdAt,
                     int slowModeSeconds,
                     @Nullable String staffNote) {

    public static Thread open(long categoryId, long authorId, String title, String slug, Instant now) {
        return new Thread(null, categoryId, authorId, title, slug, false, false, false, false, null, 1, 0, 0, 1,
                null, authorId, now, now, 0, null);
    }
}
