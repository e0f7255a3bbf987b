package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * Records what happened as facts: one row each (kind and key unique, so a delivery that runs twice counts once), with
 * the instant it happened, the member and whether they were staff at that moment. A new fact marks its day (in the
 * site's zone) for the rollups to compute again.
 */
@Singleton
public class ActivityFacts {

    private final Sql sql;
    private final AnalyticsSettings settings;
    private final java.time.Clock clock;

    public ActivityFacts(Sql sql, AnalyticsSettings settings, java.time.Clock clock) {
        this.sql = sql;
        this.settings = settings;
        this.clock = clock;
    }

    /** True when the fact is new. */
    @Transactional
    public boolean record(Kind kind, String key, @Nullable Long memberId, @Nullable Long categoryId,
                          @Nullable Long threadId, Instant at) {
        int inserted = memberId == null
                ? sql.update("INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, category_id, "
                        + "thread_id, at) VALUES (?, ?, NULL, FALSE, ?, ?, ?)",
                Arrays.asList(kind.name(), key, categoryId, threadId, at))
                : sql.update("INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, category_id, "
                        + "thread_id, at) SELECT ?, ?, m.id, m.role <> 'MEMBER', ?, ?, ? FROM members m WHERE m.id = ?",
                Arrays.asList(kind.name(), key, categoryId, threadId, at, memberId));
        if (inserted == 0) {
            return false;
        }
        markDirty(at);
        return true;
    }

    /**
     * The fact's day must be computed again, and so must the days whose 7- and 28-day windows hold it (up to today):
     * a fact that arrives late changes them too. A fact of today marks nothing: today is computed on every pass.
     */
    void markDirty(Instant at) {
        ZoneId zone = settings.zone();
        LocalDate day = at.atZone(zone).toLocalDate();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        if (day.equals(today)) {
            return; // today is computed on every pass, and once more after midnight: no hot row to write per fact
        }
        LocalDate last = day.plusDays(27).isBefore(today) ? day.plusDays(27) : today;
        StringBuilder values = new StringBuilder();
        List<Object> days = new java.util.ArrayList<>();
        for (LocalDate d = day; !d.isAfter(last) || d.equals(day); d = d.plusDays(1)) {
            values.append(values.isEmpty() ? "" : ", ").append("(?, TRUE)");
            days.add(d);
        }
        sql.update("INSERT INTO analytics_days (day, dirty) VALUES " + values + " ON DUPLICATE KEY UPDATE dirty = TRUE",
                days);
    }

    /** A member's first steps (sign-up, first post), kept for good. */
    @Transactional
    public void firstSteps(long memberId, @Nullable Instant signedUpAt, @Nullable Instant postAt) {
        String month = signedUpAt == null ? null
                : java.time.YearMonth.from(signedUpAt.atZone(settings.zone())).toString();
        sql.update("INSERT INTO analytics_members (member_id, signed_up_at, signup_month, first_post_at, staff) "
                        + "SELECT m.id, ?, ?, ?, m.role <> 'MEMBER' FROM members m WHERE m.id = ? "
                        + "ON DUPLICATE KEY UPDATE signed_up_at = COALESCE(signed_up_at, VALUES(signed_up_at)), "
                        + "signup_month = COALESCE(signup_month, VALUES(signup_month)), "
                        + "first_post_at = CASE WHEN first_post_at IS NULL OR VALUES(first_post_at) < first_post_at "
                        + "THEN COALESCE(VALUES(first_post_at), first_post_at) ELSE first_post_at END, staff = VALUES(staff)",
                Arrays.asList(signedUpAt, month, postAt, memberId));
    }

    /** A new thread, waiting for its first response (and, in a questions category, for an accepted answer). */
    @Transactional
    public void threadStarted(long threadId, long categoryId, long authorId, Instant at) {
        sql.update("INSERT IGNORE INTO analytics_threads (thread_id, category_id, author_id, author_staff, created_at, qa) "
                + "SELECT ?, ?, m.id, m.role <> 'MEMBER', ?, COALESCE((SELECT c.kind = 'QUESTIONS' FROM categories c "
                + "WHERE c.id = ?), FALSE) FROM members m WHERE m.id = ?",
                List.of(threadId, categoryId, at, categoryId, authorId));
    }

    /** A question got its accepted answer ({@code at}), or lost it ({@code null}). */
    @Transactional
    public void solved(long threadId, @Nullable Instant at) {
        sql.update("UPDATE analytics_threads SET solved_at = CASE WHEN ? IS NULL THEN NULL "
                + "ELSE COALESCE(solved_at, ?) END WHERE thread_id = ?", Arrays.asList(at, at, threadId));
    }

    /** The thread and category a post is in (null when it is gone). */
    @Transactional(readOnly = true)
    public @Nullable Place place(long postId) {
        return sql.query("SELECT p.thread_id, t.category_id FROM posts p JOIN threads t ON t.id = p.thread_id "
                + "WHERE p.id = ?", List.of(postId), rs -> new Place(rs.getLong(1), rs.getLong(2)))
                .stream().findFirst().orElse(null);
    }

    /** Where a post is. */
    public record Place(long threadId, long categoryId) {
    }

    /** A post was flagged: it waits for a decision from now, unless it already waits. */
    @Transactional
    public void flagged(long postId, @Nullable Long categoryId, Instant at) {
        sql.update("INSERT IGNORE INTO analytics_flag_reviews (post_id, category_id, flagged_at) VALUES (?, ?, ?)",
                Arrays.asList(postId, categoryId, at));
    }

    /** A moderator decided on a flagged post: its wait ends. */
    @Transactional
    public void flagDecided(long postId, Instant at) {
        sql.update("UPDATE analytics_flag_reviews SET resolved_at = ? WHERE open_post_id = ?", List.of(at, postId));
    }

    /** A reply: the thread's first response if it is the earliest by someone else (and by staff, if staff). */
    @Transactional
    public void replied(long threadId, long authorId, Instant at) {
        sql.update("UPDATE analytics_threads t JOIN members m ON m.id = ? SET "
                        + "t.first_response_at = CASE WHEN t.first_response_at IS NULL OR ? < t.first_response_at "
                        + "THEN ? ELSE t.first_response_at END, "
                        + "t.first_staff_response_at = CASE WHEN m.role = 'MEMBER' THEN t.first_staff_response_at "
                        + "WHEN t.first_staff_response_at IS NULL OR ? < t.first_staff_response_at THEN ? "
                        + "ELSE t.first_staff_response_at END "
                        + "WHERE t.thread_id = ? AND t.author_id <> ?",
                List.of(authorId, at, at, at, at, threadId, authorId));
    }

    /** When a row of another feature was written (the fact's instant), read when the subscriber runs. */
    @Transactional(readOnly = true)
    public @Nullable Instant createdAt(String table, long id) {
        if (!List.of("threads", "posts", "members").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        return sql.query("SELECT created_at FROM " + table + " WHERE id = ?", List.of(id), rs -> Sql.instant(rs, 1))
                .stream().findFirst().orElse(null);
    }

    /** What happened. */
    public enum Kind {
        SIGNUP, VISIT, THREAD, REPLY, REACTION, ACCEPTED, FLAG, FLAG_RESOLVED, BADGE, EVENT_REGISTRATION,
        EVENT_ATTENDANCE, PAGE_VIEW, SEARCH, WIDGET_CLICK
    }

    /** A search: its terms (lower-cased) and result count; one fact per search. */
    @Transactional
    public void search(@Nullable Long memberId, String terms, long results, Instant at) {
        sql.update("INSERT INTO analytics_facts (kind, fact_key, member_id, staff, detail, amount, at) "
                        + "SELECT 'SEARCH', ?, ?, COALESCE((SELECT m.role <> 'MEMBER' FROM members m WHERE m.id = ?), FALSE), "
                        + "?, ?, ?",
                Arrays.asList(java.util.UUID.randomUUID().toString(), memberId, memberId,
                        terms.toLowerCase(java.util.Locale.ROOT), results, at));
    }
}
