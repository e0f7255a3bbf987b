package io.ruche.analytics;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/** The site's time zone (days of the rollups) and how long raw facts are kept. */
@Singleton
public class AnalyticsSettings {

    private final Sql sql;

    public AnalyticsSettings(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public ZoneId zone() {
        String zone = sql.query("SELECT time_zone FROM site_settings WHERE id = 1", List.of(), rs -> rs.getString(1))
                .stream().findFirst().orElse("UTC");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    @Transactional(readOnly = true)
    public int retentionDays() {
        return sql.query("SELECT analytics_retention_days FROM site_settings WHERE id = 1", List.of(),
                rs -> rs.getInt(1)).stream().findFirst().orElse(400);
    }
}
