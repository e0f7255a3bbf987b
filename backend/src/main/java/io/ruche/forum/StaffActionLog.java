package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;

/** Where forum records what staff did (pins, moves, edits of others' posts); moderation's audit log implements it. */
public interface StaffActionLog {

    void record(@Nullable Long actorId, String action, String targetType, @Nullable Long targetId, String summary,
                @Nullable String reason);
}
