package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;

/**
 * What the badge rules count, kept by the badges' subscribers in badges' own tables. Every count goes through a
 * ledger row with a unique key first, so an event delivered twice counts once.
 */
@Singleton
public class BadgeLedger {

    /** Counters of {@code badge_member_stats} the subscribers move. */
    public enum Counter {
        POSTS("posts"), REPLIES("replies"), ACCEPTED_ANSWERS("accepted_answers"), LIKERS("likers"),
        THREADS_ANSWERED("threads_answered_by_others"), FLAGS_UPHELD("flags_upheld"),
        EVENTS_ATTENDED("events_attended");

        final String column;

        Counter(String column) {
            this.column = column;
        }
    }

    public record Stats(int posts, int replies, int acceptedAnswers, int likers, int threadsAnswered,
                        int flagsUpheld, @Nullable Long firstPostId, int daysVisited, int eventsAttended) {
        static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0, null, 0, 0);

        public int value(Counter counter) {
            return switch (counter) {
                case POSTS -> posts;
                case REPLIES -> replies;
                case ACCEPTED_ANSWERS -> acceptedAnswers;
                case LIKERS -> likers;
                case THREADS_ANSWERED -> threadsAnswered;
                case FLAGS_UPHELD -> flagsUpheld;
                case EVENTS_ATTENDED -> eventsAttended;
            };
        }
    }

    private final Sql sql;

    public BadgeLedger(Sql sql) {
        this.sql = sql;
    }

    /**
     * Counts {@code fact} (post:12, answer:40) for the member once: true the first time, when the counter moved.
     * The member's stats row is locked from here to the commit, so two facts of one member count in turn.
     */
    public boolean count(long memberId, String fact, Counter counter, Counter... alsoCounted) {
        if (sql.update("INSERT IGNORE INTO badge_facts (member_id, fact) VALUES (?, ?)", List.of(memberId, fact)) == 0) {
            return false;
        }
        StringBuilder columns = new StringBuilder(counter.column);
        StringBuilder ones = new StringBuilder("1");
        StringBuilder updates = new StringBuilder(counter.column + " = " + counter.column + " + 1");
        for (Counter also : alsoCounted) {
            columns.append(", ").append(also.column);
            ones.append(", 1");
            updates.append(", ").append(also.column).append(" = ").append(also.column).append(" + 1");
        }
        sql.update("INSERT INTO badge_member_stats (member_id, " + columns + ") VALUES (?, " + ones + ") "
                + "ON DUPLICATE KEY UPDATE " + updates, List.of(memberId));
        return true;
    }

    /** Remembers the member's very first post (for "welcome"); later posts leave it. */
    public void firstPost(long memberId, long postId) {
        sql.update("INSERT INTO badge_member_stats (member_id, first_post_id) VALUES (?, ?) "
                + "ON DUPLICATE KEY UPDATE first_post_id = COALESCE(first_post_id, VALUES(first_post_id))",
                List.of(memberId, postId));
    }

    public Stats stats(long memberId) {
        return sql.query("SELECT posts, replies, accepted_answers, likers, threads_answered_by_others, flags_upheld, "
                        + "first_post_id, days_visited, events_attended FROM badge_member_stats WHERE member_id = ?",
                List.of(memberId), rs -> new Stats(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), Sql.nullableLong(rs, "first_post_id"), rs.getInt(8), rs.getInt(9)))
                .stream().findFirst().orElse(Stats.NONE);
    }

    /**
     * A like on a post, as badges count it: once per giver and post, and at most {@code dailyCap} likes a day per
     * giver. True when it counted. A new (giver, receiver) pair also counts one more distinct liker.
     */
    public boolean like(long postId, long giverId, long receiverId, LocalDate day, int dailyCap) {
        if (sql.update("INSERT IGNORE INTO badge_post_likes (post_id, giver_id, receiver_id, created_at) "
                + "VALUES (?, ?, ?, UTC_TIMESTAMP(6))", List.of(postId, giverId, receiverId)) == 0) {
            return false; // this like was counted already
        }
        sql.update("INSERT IGNORE INTO badge_like_days (giver_id, day, counted) VALUES (?, ?, 0)", List.of(giverId, day));
        if (sql.update("UPDATE badge_like_days SET counted = counted + 1 WHERE giver_id = ? AND day = ? AND counted < ?",
                List.of(giverId, day, dailyCap)) == 0) {
            // Over the giver's cap for the day: it stays a like on the forum, not a step toward a badge.
            sql.update("DELETE FROM badge_post_likes WHERE post_id = ? AND giver_id = ?", List.of(postId, giverId));
            return false;
        }
        if (sql.update("INSERT IGNORE INTO badge_likers (receiver_id, giver_id, created_at) VALUES (?, ?, UTC_TIMESTAMP(6))",
                List.of(receiverId, giverId)) > 0) {
            sql.update("INSERT INTO badge_member_stats (member_id, likers) VALUES (?, 1) "
                    + "ON DUPLICATE KEY UPDATE likers = likers + 1", List.of(receiverId));
        }
        return true;
    }

    /** Points on the leaderboard for the member's day (the caller counted the fact once already). */
    public void points(long memberId, LocalDate day, int points) {
        if (points > 0) {
            sql.update("INSERT INTO badge_points (member_id, day, points) VALUES (?, ?, ?) "
                    + "ON DUPLICATE KEY UPDATE points = points + VALUES(points)", List.of(memberId, day, points));
        }
    }

    /** Likes of a post that count for badges. */
    public int postLikes(long postId) {
        return sql.query("SELECT COUNT(*) FROM badge_post_likes WHERE post_id = ?", List.of(postId),
                rs -> rs.getInt(1)).get(0);
    }

    /** A day the member visited; returns the days visited among the last 100 (today included). */
    public int visit(long memberId, LocalDate day) {
        if (sql.update("INSERT IGNORE INTO badge_visit_days (member_id, day) VALUES (?, ?)", List.of(memberId, day)) > 0) {
            sql.update("INSERT INTO badge_member_stats (member_id, days_visited) VALUES (?, 1) "
                    + "ON DUPLICATE KEY UPDATE days_visited = days_visited + 1", List.of(memberId));
        }
        return sql.query("SELECT COUNT(*) FROM badge_visit_days WHERE member_id = ? AND day > ?",
                List.of(memberId, day.minusDays(100)), rs -> rs.getInt(1)).get(0);
    }

    public void flagAgainst(long authorId, long postId, LocalDate day) {
        sql.update("INSERT IGNORE INTO badge_flags_against (member_id, post_id, day) VALUES (?, ?, ?)",
                List.of(authorId, postId, day));
    }

    /** Visit days older than the 100 the rules look at are forgotten (the total stays in the stats). */
    public int forgetVisitsBefore(LocalDate day) {
        return sql.update("DELETE FROM badge_visit_days WHERE day < ? LIMIT 10000", List.of(day));
    }

    public void flagRaised(long postId, long memberId) {
        sql.update("INSERT IGNORE INTO badge_flags (post_id, member_id) VALUES (?, ?)", List.of(postId, memberId));
    }

    /** The members who flagged a post that moderators have now decided on; the post's flags are forgotten. */
    public List<Long> decided(long postId) {
        List<Long> flaggers = sql.query("SELECT member_id FROM badge_flags WHERE post_id = ? ORDER BY member_id",
                List.of(postId), rs -> rs.getLong(1));
        sql.update("DELETE FROM badge_flags WHERE post_id = ?", List.of(postId));
        return flaggers;
    }
}
