package io.ruche.moderation;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The console's front page figures. */
@Singleton
public class Dashboard {

    private final Sql sql;
    private final Clock clock;

    public Dashboard(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Serdeable
    public record Counts(long waiting, long flagsToday, long newMembersToday, boolean crisis) {
    }

    @Transactional(readOnly = true)
    public Counts counts() {
        Instant dayStart = clock.instant().truncatedTo(ChronoUnit.DAYS);
        return sql.query("SELECT (SELECT COUNT(*) FROM review_items WHERE status = 'OPEN'), "
                        + "(SELECT COUNT(*) FROM flags WHERE created_at >= ?), "
                        + "(SELECT COUNT(*) FROM members WHERE created_at >= ?), "
                        + "(SELECT crisis_on FROM site_settings WHERE id = 1)", List.of(dayStart, dayStart),
                rs -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4))).get(0);
    }
}
