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
                       boolean premoderated,
                       @Nullable String nameFr,
                       @Nullable String nameEn,
                       @Nullable String descriptionFr,
                       @Nullable String descriptionEn) {

    /** The category as a reader of {@code language} sees it: its name and description in that language if written. */
    public Category in(@Nullable String language) {
        String name = "fr".equals(language) ? nameFr : "en".equals(language) ? nameEn : null;
        String description = "fr".equals(language) ? descriptionFr : "en".equals(language) ? descriptionEn : null;
        if ((name == null || name.isBlank()) && (description == null || description.isBlank())) {
            return this;
        }
        return new Category(id, parentId, slug, name == null || name.isBlank() ? this.name : name,
                description == null || description.isBlank() ? this.description : description, color, position, kind,
                everyoneSee, membersSee, membersReply, membersStart, threadCount, postCount, lastThreadId,
                lastActivityAt, createdAt, premoderated, nameFr, nameEn, descriptionFr, descriptionEn);
    }
}
