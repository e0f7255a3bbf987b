package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A watched word or pattern and what it does to a post (block, hold, flag, censor, link). */
@MappedEntity("watched_words")
public record WatchedWord(@Id @GeneratedValue @Nullable Long id, String pattern, String matchKind, String action,
                          @Nullable String linkUrl, long createdBy, Instant createdAt) {
}
