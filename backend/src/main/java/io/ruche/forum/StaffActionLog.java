package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;

/** Where forum records what staff did (pins, moves, edits of others' posts); moderation's audit log implements it. */
public interface StaffActionLog {

    /**
     * {@code subject} names what was acted on as it was then (a thread's title, a member's name), {@code summary}
     * says what changed.
     */
    void record(@Nullable Long actorId, String action, String targetType, @Nullable Long targetId, String subject,
                String summary, @Nullable String reason);

    default void record(@Nullable Long actorId, String action, String targetType, @Nullable Long targetId,
                        String summary, @Nullable String reason) {
        record(actorId, action, targetType, targetId, "", summary, reason);
    }
}
