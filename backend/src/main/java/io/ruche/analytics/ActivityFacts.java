package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
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

    public ActivityFacts(Sql sql, AnalyticsSettings settings) {
        this.sql = sql;
        this.settings = settings;
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

    void markDirty(Instant at) {
        ZoneId zone = settings.zone();
        sql.update("INSERT INTO analytics_days (day, dirty) VALUES (?, TRUE) ON DUPLICATE KEY UPDATE dirty = TRUE",
                List.of(at.atZone(zone).toLocalDate()));
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

    /** A new thread, waiting for its first response. */
    @Transactional
    public void threadStarted(long threadId, long categoryId, long authorId, Instant at) {
        sql.update("INSERT IGNORE INTO analytics_threads (thread_id, category_id, author_id, author_staff, created_at) "
                + "SELECT ?, ?, m.id, m.role <> 'MEMBER', ? FROM members m WHERE m.id = ?",
                List.of(threadId, categoryId, at, authorId));
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
        EVENT_ATTENDANCE, PAGE_VIEW, SEARCH
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
