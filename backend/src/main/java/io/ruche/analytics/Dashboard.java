package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's figures over a range of days (site zone), each beside the period just before, read from the daily
 * rollups only: one indexed range read, whatever the size of the community. The screen, its CSV and the weekly mail
 * all come from here, so they say the same numbers.
 */
@Singleton
public class Dashboard {

    private final Sql sql;

    public Dashboard(Sql sql) {
        this.sql = sql;
    }

    @Serdeable
    public record Point(LocalDate day, @Nullable Long value) {
    }

    /**
     * {@code value} and {@code previous} are null when the figure does not split by the chosen category or group;
     * {@code unit} is "count" or "permille" (stickiness).
     */
    @Serdeable
    public record Figure(Metric metric, String unit, @Nullable Long value, @Nullable Long previous, List<Point> series,
                         String definitionEn, String definitionFr) {
    }

    @Serdeable
    public record Overview(LocalDate from, LocalDate to, boolean withStaff, long category, long group,
                           @Nullable Instant asOf, List<Figure> figures) {

        public @Nullable Figure figure(Metric metric) {
            return figures.stream().filter(f -> f.metric() == metric).findFirst().orElse(null);
        }
    }

    /** Each figure over {@code from}..{@code to}, for a category and a group (0: all), beside the period before. */
    @Transactional(readOnly = true)
    public Overview overview(LocalDate from, LocalDate to, boolean withStaff, long category, long group) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousStart = from.minusDays(days);
        Map<Metric, Map<LocalDate, Long>> values = new EnumMap<>(Metric.class);
        sql.query("SELECT day, metric, value FROM analytics_daily WHERE with_staff = ? AND category_id = ? "
                        + "AND group_id = ? AND day BETWEEN ? AND ?", List.of(withStaff, category, group, previousStart, to),
                rs -> {
                    try {
                        values.computeIfAbsent(Metric.valueOf(rs.getString(2)), k -> new HashMap<>())
                                .put(rs.getDate(1).toLocalDate(), rs.getLong(3));
                    } catch (IllegalArgumentException e) {
                        // a figure this version no longer shows
                    }
                    return null;
                });
        Instant asOf = sql.query("SELECT rolled_at FROM analytics_days WHERE day BETWEEN ? AND ? "
                + "AND rolled_at IS NOT NULL ORDER BY rolled_at DESC LIMIT 1", List.of(from, to),
                rs -> Sql.instant(rs, 1)).stream().findFirst().orElse(null);
        List<Figure> figures = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            boolean applies = (category == 0 || metric.byCategory) && (group == 0 || metric.byGroup);
            List<Point> series = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                series.add(new Point(d, applies ? day(metric, values, d) : null));
            }
            figures.add(new Figure(metric, metric.period == Metric.Period.RATIO ? "permille" : "count",
                    applies ? period(metric, values, from, to) : null,
                    applies ? period(metric, values, previousStart, from.minusDays(1)) : null, series,
                    metric.definitionEn, metric.definitionFr));
        }
        return new Overview(from, to, withStaff, category, group, asOf, figures);
    }

    private static long get(Map<Metric, Map<LocalDate, Long>> values, Metric metric, LocalDate day) {
        return values.getOrDefault(metric, Map.of()).getOrDefault(day, 0L);
    }

    private static long day(Metric metric, Map<Metric, Map<LocalDate, Long>> values, LocalDate d) {
        if (metric.period == Metric.Period.RATIO) {
            return permille(get(values, Metric.ACTIVE_MEMBERS, d), get(values, Metric.ACTIVE_28D, d));
        }
        return get(values, metric, d);
    }

    /** A period's figure from its days: summed, the last day's, the average day, or stickiness. */
    static long period(Metric metric, Map<Metric, Map<LocalDate, Long>> values, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return switch (metric.period) {
            case LAST -> get(values, metric, to);
            case SUM -> sum(values, metric, from, to);
            case AVERAGE -> Math.round(sum(values, metric, from, to) / (double) days);
            case RATIO -> permille(sum(values, Metric.ACTIVE_MEMBERS, from, to) / (double) days,
                    get(values, Metric.ACTIVE_28D, to));
        };
    }

    private static long sum(Map<Metric, Map<LocalDate, Long>> values, Metric metric, LocalDate from, LocalDate to) {
        long sum = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            sum += get(values, metric, d);
        }
        return sum;
    }

    static long permille(double part, long whole) {
        return whole == 0 ? 0 : Math.round(1000 * part / whole);
    }
}
