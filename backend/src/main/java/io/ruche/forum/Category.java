package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("categories")
public record Category(@Id @GeneratedValue @Nullable Long id,
                       @Nullable Long parentId,
                       String slug,
                       String name,
                       String description,
                       String color,
                       int position,
                       CategoryKind kind,
                       boolean everyoneSee,
                       boolean membersSee,
                       boolean membersReply,
                       boolean membersStart,
                       int threadCount,
                       int postCount,
                       @Nullable Long lastThreadId,
                       @Nullable Instant lastActivityAt,
                       Instant createdAt,
                       boolean premoderated) {
}
