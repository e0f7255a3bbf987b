package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One number for how the community is doing, with its formula shown beside it (the same text here, on the screen and
 * in the CSV):
 * <pre>score = 100 × (0.3 × activity + 0.3 × responsiveness + 0.2 × growth + 0.2 × moderation)</pre>
 * activity = min(1, stickiness / 0.25), stickiness = average daily active members / members active in the 28 days
 * ending the period; responsiveness = share of the period's threads answered within 24 h; growth = min(1, new
 * contributors / new contributors of the period before (1 when both are 0)); moderation = 1 − min(1, 10 × flags /
 * threads and replies). Members only (staff apart).
 */
@Singleton
public class HealthScore {

    public static final String FORMULA_EN = "score = 100 × (0.3 × activity + 0.3 × responsiveness + 0.2 × growth + "
            + "0.2 × moderation). Activity: average daily active members ÷ members active in 28 days, over 0.25 "
            + "(capped at 1). Responsiveness: share of threads answered within 24 h. Growth: new contributors ÷ those "
            + "of the period before (capped at 1). Moderation: 1 − 10 × flags ÷ posts (at least 0).";
    public static final String FORMULA_FR = "score = 100 × (0,3 × activité + 0,3 × réactivité + 0,2 × croissance + "
            + "0,2 × modération). Activité : membres actifs par jour en moyenne ÷ membres actifs sur 28 jours, rapporté "
            + "à 0,25 (au plus 1). Réactivité : part des sujets répondus en 24 h. Croissance : nouveaux contributeurs ÷ "
            + "ceux de la période précédente (au plus 1). Modération : 1 − 10 × signalements ÷ messages (au moins 0).";

    private final Sql sql;
    private final Responsiveness responsiveness;

    public HealthScore(Sql sql, Responsiveness responsiveness) {
        this.sql = sql;
        this.responsiveness = responsiveness;
    }

    @Serdeable
    public record Components(double activity, double responsiveness, double growth, double moderation) {
    }

    @Serdeable
    public record Score(int score, @Nullable Integer previous, Components components, String formulaEn,
                        String formulaFr) {
    }

    @Transactional(readOnly = true)
    public Score score(LocalDate from, LocalDate to, ZoneId zone) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        Components now = components(from, to, zone);
        Components before = components(from.minusDays(days), from.minusDays(1), zone);
        return new Score(value(now), value(before), now, FORMULA_EN, FORMULA_FR);
    }

    static int value(Components c) {
        return (int) Math.round(100 * (0.3 * c.activity() + 0.3 * c.responsiveness() + 0.2 * c.growth()
                + 0.2 * c.moderation()));
    }

    private Components components(LocalDate from, LocalDate to, ZoneId zone) {
        double dau = average("ACTIVE_MEMBERS", from, to);
        double mau = sum("ACTIVE_28D", to, to);
        double activity = mau == 0 ? 0 : Math.min(1, (dau / mau) / 0.25);
        Responsiveness.Figures r = responsiveness.figures(from, to, zone, false);
        double answered = r.responseRate() == null ? 0 : r.responseRate();
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        double contributors = sum("NEW_CONTRIBUTORS", from, to);
        double earlier = sum("NEW_CONTRIBUTORS", from.minusDays(days), from.minusDays(1));
        double growth = earlier == 0 ? 1 : Math.min(1, contributors / earlier);
        double posts = sum("THREADS", from, to) + sum("REPLIES", from, to);
        double flags = sum("FLAGS", from, to);
        double moderation = posts == 0 ? 1 : Math.max(0, 1 - Math.min(1, 10 * flags / posts));
        return new Components(round(activity), round(answered), round(growth), round(moderation));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private double sum(String metric, LocalDate from, LocalDate to) {
        return sql.query("SELECT COALESCE(SUM(value), 0) FROM analytics_daily WHERE metric = ? AND category_id = 0 AND group_id = 0 "
                + "AND NOT with_staff AND day BETWEEN ? AND ?", List.of(metric, from, to), rs -> rs.getDouble(1)).get(0);
    }

    private double average(String metric, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return sum(metric, from, to) / days;
    }
}
