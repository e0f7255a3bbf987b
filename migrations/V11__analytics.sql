-- Engagement analytics. Facts are what happened, one row each (unique: a delivery that runs twice counts once),
-- with the instant it happened and whether the member was staff then; moderation changing a post later does not
-- touch them. Daily rollups are per day in the site's time zone; a closed day is frozen, today's is refreshed, a
-- late fact marks its day to recompute. Raw facts are purged after the retention; rollups and the members' first
-- steps stay.
ALTER TABLE site_settings ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC',
    ADD COLUMN analytics_retention_days INT NOT NULL DEFAULT 400,
    ADD COLUMN moderators_see_analytics BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE analytics_facts (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind        VARCHAR(24)  NOT NULL,   -- SIGNUP, VISIT, THREAD, REPLY, REACTION, ACCEPTED, FLAG, BADGE, ...
    fact_key    VARCHAR(80)  NOT NULL,   -- what it is about (post:12, member:7:2026-11-30), unique per kind
    member_id   BIGINT       NULL,
    staff       BOOLEAN      NOT NULL DEFAULT FALSE,
    category_id BIGINT       NULL,
    thread_id   BIGINT       NULL,
    at          DATETIME(6)  NOT NULL,
    CONSTRAINT uk_analytics_facts UNIQUE (kind, fact_key),
    INDEX ix_analytics_facts_at (at),
    INDEX ix_analytics_facts_kind (kind, at, member_id, staff, category_id, thread_id), -- covers the rollups' scans
    INDEX ix_analytics_facts_member (member_id, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each member's first steps, kept for good (cohorts and "new contributors" need them after facts are purged).
CREATE TABLE analytics_members (
    member_id     BIGINT      NOT NULL PRIMARY KEY,
    signed_up_at  DATETIME(6) NULL,
    signup_month  CHAR(7)     NULL,        -- 2026-11, in the site's zone: the member's cohort
    first_post_at DATETIME(6) NULL,
    staff         BOOLEAN     NOT NULL DEFAULT FALSE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One figure per day (site zone), metric, category (0: the whole forum), group (0: everyone; a member counts in the
-- groups they belong to when the day is computed, so a closed day keeps the membership of its closing) and
-- population (members only, or with staff), with when it was computed.
CREATE TABLE analytics_daily (
    day         DATE         NOT NULL,
    metric      VARCHAR(32)  NOT NULL,
    category_id BIGINT       NOT NULL DEFAULT 0,
    group_id    BIGINT       NOT NULL DEFAULT 0,
    with_staff  BOOLEAN      NOT NULL DEFAULT FALSE,
    value       BIGINT       NOT NULL,
    as_of       DATETIME(6)  NOT NULL,
    PRIMARY KEY (day, metric, category_id, group_id, with_staff),
    INDEX ix_analytics_daily_read (with_staff, category_id, group_id, day, metric, value)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Days whose rollups must be computed again (a late fact, or today), and which ones are closed.
CREATE TABLE analytics_days (
    day       DATE        NOT NULL PRIMARY KEY,
    dirty     BOOLEAN     NOT NULL DEFAULT TRUE,
    closed    BOOLEAN     NOT NULL DEFAULT FALSE,
    rolled_at DATETIME(6) NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each thread's first responses (by anyone but its author, by staff), kept for good: the response rate and the
-- time to first response (median, p90) are read from here, unanswered threads counting as open.
CREATE TABLE analytics_threads (
    thread_id                 BIGINT      NOT NULL PRIMARY KEY,
    category_id               BIGINT      NOT NULL,
    author_id                 BIGINT      NOT NULL,
    author_staff              BOOLEAN     NOT NULL,
    created_at                DATETIME(6) NOT NULL,
    first_response_at         DATETIME(6) NULL,
    first_staff_response_at   DATETIME(6) NULL,
    qa                        BOOLEAN     NOT NULL DEFAULT FALSE,   -- started in a questions category
    solved_at                 DATETIME(6) NULL,                     -- an answer is accepted (cleared if withdrawn)
    INDEX ix_analytics_threads_created (created_at),
    INDEX ix_analytics_threads_open (first_response_at, created_at),
    INDEX ix_analytics_threads_category (category_id, first_response_at, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Page views: confirmed by the browser after the page rendered. A guest is a visitor key, a keyed hash of address
-- and browser that changes every day (neither is stored); embeds are kept apart from the forum's own pages.
ALTER TABLE analytics_facts ADD COLUMN visitor CHAR(16) NULL, ADD COLUMN source VARCHAR(8) NULL,
    ADD COLUMN referrer_host VARCHAR(100) NULL,
    -- Searches: the terms as typed (lower-cased) and how many results they found.
    ADD COLUMN detail VARCHAR(200) NULL, ADD COLUMN amount BIGINT NULL;

-- Retention cohorts: of the members who signed up in a month (site zone), how many were active in each month since.
CREATE TABLE analytics_cohorts (
    cohort_month CHAR(7)     NOT NULL,
    month        CHAR(7)     NOT NULL,
    with_staff   BOOLEAN     NOT NULL DEFAULT FALSE,
    size         INT         NOT NULL,
    active       INT         NOT NULL,
    as_of        DATETIME(6) NOT NULL,
    PRIMARY KEY (cohort_month, month, with_staff)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The weekly KPI mail: staff who asked for it, and the weeks it went to each (once per week and person).
CREATE TABLE analytics_report_recipients (
    member_id BIGINT NOT NULL PRIMARY KEY,
    CONSTRAINT fk_analytics_recipients_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE analytics_reports_sent (
    member_id BIGINT      NOT NULL,
    week      DATE        NOT NULL,   -- the Monday the report's week ends before
    sent_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (member_id, week)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Flags and how long they waited for a decision: one row per post from its first flag to the review decision (a
-- post flagged again later opens a new row); open rows count as open, like unanswered threads.
CREATE TABLE analytics_flag_reviews (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    post_id      BIGINT      NOT NULL,
    category_id  BIGINT      NULL,
    flagged_at   DATETIME(6) NOT NULL,
    resolved_at  DATETIME(6) NULL,
    open_post_id BIGINT AS (IF(resolved_at IS NULL, post_id, NULL)) PERSISTENT,
    CONSTRAINT uk_analytics_flag_reviews_open UNIQUE (open_post_id),
    INDEX ix_analytics_flag_reviews_flagged (flagged_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A forum with history starts with it: facts from what the tables remember (sign-ups, threads, replies, reactions,
-- flags and decisions, event seats and attendance; visits before this version were not kept), the members' first
-- steps, threads' first responses and accepted answers, flags' waits; every day from the first fact to today is
-- marked for the rollups (days in UTC, the site's zone until an admin chooses another). Keys are the subscribers' own,
-- so an event delivered after the upgrade counts nothing twice. Staff: the member's role today.
INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, at)
SELECT 'SIGNUP', CONCAT('member:', m.id), m.id, m.role <> 'MEMBER', m.created_at FROM members m;

INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, category_id, thread_id, at)
SELECT 'THREAD', CONCAT('thread:', t.id), t.author_id, m.role <> 'MEMBER', t.category_id, t.id, t.created_at
FROM threads t JOIN members m ON m.id = t.author_id;

INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, category_id, thread_id, at)
SELECT 'REPLY', CONCAT('post:', p.id), p.author_id, m.role <> 'MEMBER', t.category_id, t.id, p.created_at
FROM posts p JOIN threads t ON t.id = p.thread_id JOIN members m ON m.id = p.author_id WHERE p.position > 1;

INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, category_id, thread_id, at)
SELECT 'REACTION', CONCAT('post:', r.post_id, ':', r.member_id, ':', r.kind), r.member_id, m.role <> 'MEMBER',
       t.category_id, t.id, r.created_at
FROM reactions r JOIN posts p ON p.id = r.post_id JOIN threads t ON t.id = p.thread_id
JOIN members m ON m.id = r.member_id;

INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, category_id, thread_id, at)
SELECT 'FLAG', CONCAT('post:', f.post_id, ':', f.member_id), f.member_id, m.role <> 'MEMBER', t.category_id, t.id,
       f.created_at
FROM flags f JOIN posts p ON p.id = f.post_id JOIN threads t ON t.id = p.thread_id JOIN members m ON m.id = f.member_id;

INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, category_id, at)
SELECT 'FLAG_RESOLVED', CONCAT('item:', r.id), r.resolved_by, TRUE, r.category_id, r.resolved_at
FROM review_items r WHERE r.status = 'RESOLVED' AND r.resolved_at IS NOT NULL AND r.resolved_by IS NOT NULL;

INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, at)
SELECT 'EVENT_REGISTRATION', CONCAT('event:', g.event_id, ':', g.member_id, ':history'), g.member_id,
       m.role <> 'MEMBER', g.created_at
FROM event_registrations g JOIN members m ON m.id = g.member_id;

INSERT IGNORE INTO analytics_facts (kind, fact_key, member_id, staff, at)
SELECT 'EVENT_ATTENDANCE', CONCAT('event:', g.event_id, ':', g.member_id), g.member_id, m.role <> 'MEMBER',
       g.attended_at
FROM event_registrations g JOIN members m ON m.id = g.member_id WHERE g.attended_at IS NOT NULL;

INSERT IGNORE INTO analytics_members (member_id, signed_up_at, signup_month, first_post_at, staff)
SELECT m.id, m.created_at, DATE_FORMAT(m.created_at, '%Y-%m'),
       (SELECT MIN(p.created_at) FROM posts p WHERE p.author_id = m.id), m.role <> 'MEMBER'
FROM members m;

INSERT IGNORE INTO analytics_threads (thread_id, category_id, author_id, author_staff, created_at, first_response_at,
                                      first_staff_response_at, qa, solved_at)
SELECT t.id, t.category_id, t.author_id, a.role <> 'MEMBER', t.created_at,
       (SELECT MIN(p.created_at) FROM posts p WHERE p.thread_id = t.id AND p.position > 1
           AND p.author_id <> t.author_id),
       (SELECT MIN(p.created_at) FROM posts p JOIN members s ON s.id = p.author_id WHERE p.thread_id = t.id
           AND p.position > 1 AND p.author_id <> t.author_id AND s.role <> 'MEMBER'),
       c.kind = 'QUESTIONS',
       (SELECT ap.created_at FROM posts ap WHERE ap.id = t.accepted_post_id)
FROM threads t JOIN members a ON a.id = t.author_id JOIN categories c ON c.id = t.category_id;

INSERT IGNORE INTO analytics_flag_reviews (post_id, category_id, flagged_at, resolved_at)
SELECT r.post_id, r.category_id, r.created_at, r.resolved_at FROM review_items r
WHERE r.reason = 'FLAGGED' AND r.post_id IS NOT NULL;

INSERT INTO analytics_days (day, dirty)
SELECT DATE(x.first_at) + INTERVAL s.seq DAY, TRUE
FROM (SELECT MIN(at) AS first_at FROM analytics_facts) x JOIN seq_0_to_20000 s
WHERE x.first_at IS NOT NULL AND DATE(x.first_at) + INTERVAL s.seq DAY <= UTC_DATE()
ON DUPLICATE KEY UPDATE dirty = TRUE;

-- Staff writing to a contributor drifting away: who wrote to whom and when (the at-risk list shows it, so two
-- managers do not write twice).
CREATE TABLE analytics_reach_outs (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id BIGINT      NOT NULL,
    staff_id  BIGINT      NOT NULL,
    sent_at   DATETIME(6) NOT NULL,
    INDEX ix_analytics_reach_outs_member (member_id, sent_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Where forum visitors came from (another site's host), per day: the dashboard's traffic sources read this.
CREATE TABLE analytics_referrers (
    day        DATE         NOT NULL,
    with_staff BOOLEAN      NOT NULL,
    host       VARCHAR(100) NOT NULL,
    views      BIGINT       NOT NULL,
    PRIMARY KEY (day, with_staff, host)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
