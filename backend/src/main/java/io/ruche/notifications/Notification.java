package io.ruche.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One notification of a member; unread ones with the same {@code groupKey} merge ("Anna and 4 others"). */
@MappedEntity("notifications")
public record Notification(@Id @GeneratedValue @Nullable Long id,
                           long memberId,
                           String kind,
                           @Nullable Long threadId,
                           @Nullable Long postId,
                           @Nullable Long actorId,
                           int actorCount,
                           @Nullable String groupKey,
                           String detail,
                           Instant createdAt,
                           Instant updatedAt,
                           @Nullable Instant readAt,
                           @Nullable Instant emailedAt) {

    static Notification of(NotificationService.Draft draft, Instant now) {
        return new Notification(null, draft.memberId(), draft.kind().name(), draft.threadId(), draft.postId(),
                draft.actorId(), 1, draft.groupKey(), draft.detail(), now, now, null, null);
    }
}
