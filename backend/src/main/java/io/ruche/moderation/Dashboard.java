package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's front page: what waits in the review queue by kind (with the oldest item's age, oldest kind first),
 * flags and new members today and over the last 7 days, and 30-day series of flags, new members and review
 * decisions (each on an index of its date), in days of the viewer's time zone.
 */
@Singleton
public class Dashboard {

    static final int DAYS = 30;

    private final Sql sql;
    private final Clock clock;

    public Dashboard(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Open items of one kind (FLAGGED, or why a post was held) and when the oldest arrived. */
    @Serdeable
    public record Waiting(String reason, long count, Instant oldest) {
    }

    /** One count per day, oldest first, ending today. */
    @Serdeable
    public record Series(String metric, List<Long> values) {
    }

    @Serdeable
    public record Counts(long waiting, List<Waiting> waitingByKind, long flagsToday, long flagsWeek,
                         long newMembersToday, long newMembersWeek, boolean crisis, LocalDate firstDay,
                         List<Series> series, Instant asOf) {
    }

    @Transactional(readOnly = true)
    public Counts counts(ZoneId zone) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = today.minusDays(DAYS - 1);
        Instant since = first.atStartOfDay(zone).toInstant();
        List<Waiting> waiting = sql.query("SELECT reason, COUNT(*), MIN(created_at) FROM review_items "
                        + "WHERE status = 'OPEN' GROUP BY reason ORDER BY MIN(created_at)", List.of(),
                rs -> new Waiting(rs.getString(1), rs.getLong(2), Sql.instant(rs, 3)));
        Map<String, long[]> series = new LinkedHashMap<>();
        series.put("flags", daily("flags", "created_at", "", since, zone, first));
        series.put("members", daily("members", "created_at", "", since, zone, first));
        series.put("decisions", daily("review_items", "resolved_at", " AND status = 'RESOLVED'", since, zone, first));
        long[] flags = series.get("flags");
        long[] members = series.get("members");
        boolean crisis = sql.query("SELECT crisis_on FROM site_settings WHERE id = 1", List.of(),
                rs -> rs.getBoolean(1)).stream().findFirst().orElse(false);
        List<Series> out = new ArrayList<>();
        series.forEach((metric, values) -> out.add(new Series(metric,
                java.util.Arrays.stream(values).boxed().toList())));
        return new Counts(waiting.stream().mapToLong(Waiting::count).sum(), waiting, flags[DAYS - 1], last7(flags),
                members[DAYS - 1], last7(members), crisis, first, out, now);
    }

    private static long last7(long[] values) {
        long sum = 0;
        for (int i = DAYS - 7; i < DAYS; i++) {
            sum += values[i];
        }
        return sum;
    }

    /**
     * Rows per day of {@code zone}: counted per quarter hour in the database (at most 2,880 groups, on the column's
     * index) and put into the viewer's days here, so zones with half and quarter hours count right.
     */
    private long[] daily(String table, String column, String where, Instant since, ZoneId zone, LocalDate first) {
        long[] days = new long[DAYS];
        ZoneId stored = ZoneId.systemDefault();
        sql.query("SELECT DATE_FORMAT(" + column + ", '%Y-%m-%d %H:00'), FLOOR(MINUTE(" + column + ") / 15), COUNT(*) "
                        + "FROM " + table + " WHERE " + column + " >= ?" + where + " GROUP BY 1, 2", List.of(since),
                rs -> {
                    LocalDateTime quarter = LocalDateTime.parse(rs.getString(1).replace(' ', 'T'))
                            .plusMinutes(15L * rs.getInt(2));
                    LocalDate day = LocalDate.ofInstant(quarter.atZone(stored).toInstant(), zone);
                    int index = (int) ChronoUnit.DAYS.between(first, day);
                    if (index >= 0 && index < DAYS) {
                        days[index] += rs.getLong(3);
                    }
                    return null;
                });
        return days;
    }

    static @Nullable ZoneId zoneOrNull(@Nullable String zone) {
        try {
            return zone == null || zone.isBlank() ? null : ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
