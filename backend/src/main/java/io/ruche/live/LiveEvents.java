package io.ruche.live;

import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * Writes live events into the shared feed, in the caller's transaction: the event exists exactly when the change
 * that caused it commits, and every node's {@link LiveFeed} picks it up from the database, whichever node wrote it.
 */
@Singleton
public class LiveEvents {

    private final Sql sql;
    private final Clock clock;

    public LiveEvents(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public static String memberTopic(long memberId) {
        return "member:" + memberId;
    }

    /** What every open page hears (the crisis banner going up or down). */
    public static final String SITE_TOPIC = "site";

    public static String threadTopic(long threadId) {
        return "thread:" + threadId;
    }

    /**
     * Once per {@code key}: a delivery of the same fact that runs again inserts nothing. Payloads carry ids and
     * counts only; clients fetch content through the API, under its access rules.
     */
    @io.micronaut.transaction.annotation.Transactional
    public void publishOnce(String key, String topic, String type, String payloadJson) {
        sql.update("INSERT IGNORE INTO live_events (topic, type, payload, created_at, event_key) VALUES (?, ?, ?, ?, ?)",
                List.of(topic, type, payloadJson, clock.instant(), key));
    }

    /** Payloads carry ids and counts only; clients fetch content through the API, under its access rules. */
    public void publish(String topic, String type, String payloadJson) {
        sql.update("INSERT INTO live_events (topic, type, payload, created_at) VALUES (?, ?, ?, ?)",
                List.of(topic, type, payloadJson, clock.instant()));
    }
}
