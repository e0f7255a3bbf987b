package io.ruche.widgets;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The version of what widgets may show, shared by every node through one row: a change (a post, a thread, an event)
 * raises it; each node reads it at most once a second and drops its rendered widgets when it moved.
 */
@Singleton
public class WidgetVersion {

    private final Sql sql;
    private final Clock clock;
    private volatile long version = -1;
    private volatile Instant readAt = Instant.EPOCH;

    public WidgetVersion(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** The current version, at most a second old. */
    public long current() {
        Instant now = clock.instant();
        if (version < 0 || Duration.between(readAt, now).abs().toMillis() >= 1000) {
            version = read();
            readAt = now;
        }
        return version;
    }

    @Transactional(readOnly = true)
    protected long read() {
        return sql.query("SELECT version FROM widget_versions WHERE id = 1", List.of(), rs -> rs.getLong(1))
                .stream().findFirst().orElse(0L);
    }

    /** Something widgets show changed. */
    @Transactional
    public void bump() {
        sql.update("UPDATE widget_versions SET version = version + 1 WHERE id = 1", List.of());
        readAt = Instant.EPOCH;
    }
}
