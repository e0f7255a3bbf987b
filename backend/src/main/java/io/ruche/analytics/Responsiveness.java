package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the community answers: for the threads started in a period, the share answered within 24 hours and the
 * time to first response (median and p90, by anyone but the author and by staff). A thread still unanswered counts
 * as open: it is never left out, and a median that falls on open threads is "open", not a flattering number.
 */
@Singleton
public class Responsiveness {

    private final Sql sql;
    private final Clock clock;

    public Responsiveness(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * {@code null} minutes: the percentile falls on threads (or flags) still open. Questions: threads started in a
     * questions category, solved when an answer is accepted. Flags: posts flagged in the period, resolved when a
     * moderator decided.
     */
    @Serdeable
    public record Figures(int threads, int answeredWithin24h, @Nullable Double responseRate, int open,
                          @Nullable Long medianMinutes, @Nullable Long p90Minutes, @Nullable Long medianStaffMinutes,
                          @Nullable Long p90StaffMinutes, int questions, int solved, @Nullable Double solvedRate,
                          int flaggedPosts, int flagsOpen, @Nullable Long medianFlagMinutes) {
    }

    public Figures figures(LocalDate from, LocalDate to, ZoneId zone, boolean withStaff) {
        return figures(from, to, zone, withStaff, 0, 0);
    }

    @Serdeable
    public record Unanswered(long threadId, String title, String slug, long categoryId, Instant createdAt,
                             long waitingHours) {
    }

    /**
     * For the threads started in the period (site zone), in a category and by members of a group (0: all); flags of
     * posts in the category (the group does not apply to them: moderators decide).
     */
    @Transactional(readOnly = true)
    public Figures figures(LocalDate from, LocalDate to, ZoneId zone, boolean withStaff, long category, long group) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        record Row(Instant created, @Nullable Instant first, @Nullable Instant staff, boolean qa, boolean solved) {
        }
        List<Object> args = new ArrayList<>(List.of(start, end));
        String where = withStaff ? "" : " AND NOT t.author_staff";
        if (category != 0) {
            where += " AND t.category_id = ?";
            args.add(category);
        }
        if (group != 0) {
            where += " AND EXISTS (SELECT 1 FROM group_memberships g WHERE g.group_id = ? AND g.member_id = t.author_id)";
            args.add(group);
        }
        List<Row> rows = sql.query("SELECT t.created_at, t.first_response_at, t.first_staff_response_at, t.qa, "
                        + "t.solved_at IS NOT NULL FROM analytics_threads t WHERE t.created_at >= ? AND t.created_at < ?"
                        + where, args,
                rs -> new Row(Sql.instant(rs, 1), Sql.instant(rs, 2), Sql.instant(rs, 3), rs.getBoolean(4),
                        rs.getBoolean(5)));
        List<Long> anyone = new ArrayList<>();
        List<Long> staff = new ArrayList<>();
        int within = 0;
        int questions = 0;
        int solved = 0;
        for (Row r : rows) {
            if (r.qa()) {
                questions++;
                if (r.solved()) {
                    solved++;
                }
            }
            if (r.first() != null) {
                long minutes = java.time.Duration.between(r.created(), r.first()).toMinutes();
                anyone.add(minutes);
                if (minutes <= 24 * 60) {
                    within++;
                }
            }
            if (r.staff() != null) {
                staff.add(java.time.Duration.between(r.created(), r.staff()).toMinutes());
            }
        }
        int n = rows.size();
        List<Object> flagArgs = new ArrayList<>(List.of(start, end));
        if (category != 0) {
            flagArgs.add(category);
        }
        List<Long> decided = new ArrayList<>();
        int[] flagged = new int[1];
        sql.query("SELECT flagged_at, resolved_at FROM analytics_flag_reviews WHERE flagged_at >= ? AND flagged_at < ?"
                + (category != 0 ? " AND category_id = ?" : ""), flagArgs, rs -> {
                    flagged[0]++;
                    Instant resolved = Sql.instant(rs, 2);
                    if (resolved != null) {
                        decided.add(java.time.Duration.between(Sql.instant(rs, 1), resolved).toMinutes());
                    }
                    return null;
                });
        return new Figures(n, within, n == 0 ? null : within / (double) n, n - anyone.size(),
                percentile(anyone, n, 0.5), percentile(anyone, n, 0.9), percentile(staff, n, 0.5),
                percentile(staff, n, 0.9), questions, solved, questions == 0 ? null : solved / (double) questions,
                flagged[0], flagged[0] - decided.size(), percentile(decided, flagged[0], 0.5));
    }

    /**
     * The {@code p} percentile (nearest rank) of {@code total} threads of which {@code answered} got a response; the
     * others are open, ranked after every answered one. Null when the rank falls on an open thread (or none).
     */
    static @Nullable Long percentile(List<Long> answered, int total, double p) {
        if (total == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * total); // 1-based nearest rank
        if (rank > answered.size()) {
            return null;
        }
        List<Long> sorted = answered.stream().sorted().toList();
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Threads nobody but their author answered yet, oldest first: a list to act on. */
    public List<Unanswered> unanswered(int limit) {
        return unanswered(limit, 0);
    }

    /** The same, in a category (0: all). */
    @Transactional(readOnly = true)
    public List<Unanswered> unanswered(int limit, long category) {
        Instant now = clock.instant();
        return sql.query("SELECT a.thread_id, t.title, t.slug, a.category_id, a.created_at FROM analytics_threads a "
                        + "JOIN threads t ON t.id = a.thread_id WHERE a.first_response_at IS NULL AND NOT a.author_staff "
                        + (category != 0 ? "AND a.category_id = " + category + " " : "")
                        + "ORDER BY a.created_at LIMIT ?", List.of(Math.max(1, Math.min(limit, 100))),
                rs -> new Unanswered(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        Sql.instant(rs, 5), java.time.Duration.between(Sql.instant(rs, 5), now).toHours()));
    }
}
