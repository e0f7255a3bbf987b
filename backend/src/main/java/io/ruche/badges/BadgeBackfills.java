package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Sql;
import io.ruche.platform.jobs.JobHandler;
import io.ruche.platform.jobs.Jobs;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Grants a badge to everyone who already earned it, when it is switched on or its rule changes: a job that looks at
 * one slice of member ids per run (one short transaction each, never one long one) and queues the next slice, with
 * its progress kept for the console. Members who earn badges this way hear of them in one grouped notification.
 */
@Singleton
public class BadgeBackfills implements JobHandler {

    static final String KIND = "badges.backfill";
    private static final int SLICE = 1000;
    /** The built-in rules a backfill can run from the badges' own counters. */
    private static final Map<String, String> COUNTERS = Map.of(
            BadgeRule.POSTS.name(), "posts",
            BadgeRule.ACCEPTED_ANSWERS.name(), "accepted_answers",
            BadgeRule.LIKERS.name(), "likers",
            BadgeRule.THREADS_ANSWERED.name(), "threads_answered_by_others",
            BadgeRule.FLAGS_UPHELD.name(), "flags_upheld",
            BadgeRule.EVENTS_ATTENDED.name(), "events_attended");

    private final Sql sql;
    private final Jobs jobs;
    private final BadgeRepository badges;
    private final BadgeAwards awards;
    private final Clock clock;
    private final io.micronaut.serde.ObjectMapper json;

    public BadgeBackfills(Sql sql, Jobs jobs, BadgeRepository badges, BadgeAwards awards, Clock clock,
                          io.micronaut.serde.ObjectMapper json) {
        this.sql = sql;
        this.jobs = jobs;
        this.badges = badges;
        this.awards = awards;
        this.clock = clock;
        this.json = json;
    }

    /** Where a backfill stands; {@code perSecond} is members looked at per second so far. */
    @Serdeable
    public record Progress(long id, long badgeId, int done, int total, int granted, Instant startedAt,
                           @Nullable Instant finishedAt, double perSecond) {
    }

    static boolean backfillable(Badge badge) {
        return badge.ruleJson() != null || (badge.ruleKey() != null && COUNTERS.containsKey(badge.ruleKey()));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** A backfill of the badge has not finished yet. */
    boolean running(long badgeId) {
        return !sql.query("SELECT 1 FROM badge_backfills WHERE badge_id = ? AND finished_at IS NULL LIMIT 1",
                List.of(badgeId), rs -> 1).isEmpty();
    }

    /** Starts a backfill of the badge (in the caller's transaction: it starts if the switch commits). */
    public long start(Viewer staff, Badge badge) {
        Instant now = clock.instant();
        record Span(long maxId, int total) {
        }
        Span span = sql.query("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM members", List.of(),
                rs -> new Span(rs.getLong(1), rs.getInt(2))).get(0);
        long id = sql.insert("INSERT INTO badge_backfills (badge_id, started_by, next_id, max_id, total, started_at, "
                + "updated_at) VALUES (?, ?, 0, ?, ?, ?, ?)", java.util.Arrays.asList(badge.id(), staff.memberId(),
                span.maxId(), span.total(), now, now));
        jobs.enqueue(KIND, "default", String.valueOf(id));
        return id;
    }

    /**
     * Runs slices for a few seconds, then queues the rest as a new job, so other work of the lane (badges earned
     * right now, for instance) is not held behind a long backfill.
     */
    @Override
    public void run(String payload) {
        long backfillId = Long.parseLong(payload);
        Instant until = clock.instant().plusSeconds(5);
        while (slice(backfillId)) {
            if (clock.instant().isAfter(until)) {
                jobs.enqueue(KIND, "default", payload);
                return;
            }
        }
    }

    /** One slice of members: true while more remain. */
    @Transactional
    protected boolean slice(long backfillId) {
        record State(long badgeId, long nextId, long maxId, boolean finished) {
        }
        State state = sql.query("SELECT badge_id, next_id, max_id, finished_at FROM badge_backfills WHERE id = ? "
                        + "FOR UPDATE", List.of(backfillId),
                rs -> new State(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4) != null))
                .stream().findFirst().orElse(null);
        if (state == null || state.finished()) {
            return false;
        }
        Badge badge = badges.findById(state.badgeId()).orElse(null);
        long to = Math.min(state.maxId(), state.nextId() + SLICE);
        int granted = 0;
        int seen = 0;
        if (badge != null && badge.enabled() && !badge.retired()) {
            seen = sql.query("SELECT COUNT(*) FROM members WHERE id > ? AND id <= ?", List.of(state.nextId(), to),
                    rs -> rs.getInt(1)).get(0);
            List<Long> earners = earners(badge, state.nextId(), to);
            Map<Long, Earned> earnedBy = earners.isEmpty() ? Map.of() : earnedBy(badge, state.nextId(), to);
            for (long memberId : earners) {
                Earned what = earnedBy.get(memberId);
                if (awards.grant(badge, memberId, "once", what == null ? null : what.postId(),
                        what == null ? null : what.threadId(), null, "", true)) {
                    granted++;
                }
            }
        }
        boolean finished = badge == null || !badge.enabled() || badge.retired() || to >= state.maxId();
        Instant now = clock.instant();
        sql.update("UPDATE badge_backfills SET next_id = ?, done = done + ?, granted = granted + ?, updated_at = ?, "
                + "finished_at = ? WHERE id = ?", java.util.Arrays.asList(to, seen, granted, now, finished ? now : null,
                backfillId));
        return !finished;
    }

    /** The post or thread that earned a grant. */
    private record Earned(@Nullable Long postId, @Nullable Long threadId) {
    }

    /**
     * What earned a counter badge, for the members of a slice: the post or thread that reached the threshold (the
     * N-th post, accepted answer, or thread others replied to), as the live rule records it. One query per slice.
     */
    private Map<Long, Earned> earnedBy(Badge badge, long fromExclusive, long toInclusive) {
        if (badge.ruleJson() != null || badge.ruleKey() == null) {
            return Map.of();
        }
        String ranked = switch (BadgeRule.valueOf(badge.ruleKey())) {
            case POSTS -> "SELECT p.author_id AS member_id, p.id AS post_id, p.thread_id, ROW_NUMBER() OVER "
                    + "(PARTITION BY p.author_id ORDER BY p.id) AS n FROM posts p "
                    + "WHERE p.author_id > ? AND p.author_id <= ? AND p.deleted_at IS NULL";
            case ACCEPTED_ANSWERS -> "SELECT f.member_id, p.id AS post_id, p.thread_id, ROW_NUMBER() OVER "
                    + "(PARTITION BY f.member_id ORDER BY p.id) AS n FROM badge_facts f "
                    + "JOIN posts p ON p.id = CAST(SUBSTRING(f.fact, 8) AS UNSIGNED) "
                    + "WHERE f.member_id > ? AND f.member_id <= ? AND f.fact LIKE 'answer:%'";
            case THREADS_ANSWERED -> "SELECT f.member_id, NULL AS post_id, CAST(SUBSTRING(f.fact, 10) AS UNSIGNED) "
                    + "AS thread_id, ROW_NUMBER() OVER (PARTITION BY f.member_id "
                    + "ORDER BY CAST(SUBSTRING(f.fact, 10) AS UNSIGNED)) AS n FROM badge_facts f "
                    + "WHERE f.member_id > ? AND f.member_id <= ? AND f.fact LIKE 'answered:%'";
            default -> null;
        };
        if (ranked == null) {
            return Map.of();
        }
        Map<Long, Earned> found = new java.util.HashMap<>();
        sql.query("SELECT member_id, post_id, thread_id FROM (" + ranked + ") x WHERE n = ?",
                List.of(fromExclusive, toInclusive, Math.max(1, badge.threshold())), rs -> found.put(rs.getLong(1),
                        new Earned(Sql.nullableLong(rs, "post_id"), Sql.nullableLong(rs, "thread_id"))));
        return found;
    }

    private List<Long> earners(Badge badge, long fromExclusive, long toInclusive) {
        if (badge.ruleJson() != null) {
            BadgeTemplate.Sql where = template(badge).validated().toSql();
            List<Object> params = new java.util.ArrayList<>(List.of(fromExclusive, toInclusive));
            params.addAll(where.params());
            return sql.query("SELECT m.id FROM members m WHERE m.id > ? AND m.id <= ? AND " + where.where()
                    + " ORDER BY m.id", params, rs -> rs.getLong(1));
        }
        String column = COUNTERS.get(badge.ruleKey());
        if (column == null) {
            return List.of();
        }
        return sql.query("SELECT member_id FROM badge_member_stats WHERE member_id > ? AND member_id <= ? AND "
                + column + " >= ? ORDER BY member_id", List.of(fromExclusive, toInclusive, badge.threshold()),
                rs -> rs.getLong(1));
    }

    private BadgeTemplate template(Badge badge) {
        try {
            return json.readValue(badge.ruleJson(), BadgeTemplate.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Transactional(readOnly = true)
    public List<Progress> ofBadge(long badgeId) {
        return sql.query("SELECT id, badge_id, done, total, granted, started_at, finished_at, updated_at "
                        + "FROM badge_backfills WHERE badge_id = ? ORDER BY id DESC LIMIT 5", List.of(badgeId),
                rs -> {
                    Instant started = Sql.instant(rs, 6);
                    Instant updated = Sql.instant(rs, 8);
                    double seconds = Math.max(0.001, Duration.between(started, updated).toMillis() / 1000.0);
                    return new Progress(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                            started, Sql.instant(rs, 7), rs.getInt(3) / seconds);
                });
    }
}
