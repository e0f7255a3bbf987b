-- Events and webinars. Times are kept as the wall-clock time people agreed on plus an IANA zone (never a fixed
-- offset): a weekly series at 18:00 Europe/Paris stays at 18:00 across a daylight-saving change. starts_at / ends_at
-- are the same instants in UTC, recomputed whenever the local time or the zone changes, for lists and reminders.
CREATE TABLE event_series (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    rrule       VARCHAR(200) NOT NULL,         -- the subset we expand: FREQ=WEEKLY|MONTHLY;INTERVAL;COUNT|UNTIL;BYDAY
    zone        VARCHAR(64)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE events (
    id                     BIGINT AUTO_INCREMENT PRIMARY KEY,
    series_id              BIGINT        NULL,
    uid                    VARCHAR(120)  NOT NULL,         -- iCalendar UID, stable for the event's life
    sequence               INT           NOT NULL DEFAULT 0, -- iCalendar SEQUENCE, raised by each change members see
    slug                   VARCHAR(200)  NOT NULL,
    title                  VARCHAR(200)  NOT NULL,
    description_source     MEDIUMTEXT    NOT NULL,
    description_html       MEDIUMTEXT    NOT NULL,
    cover_url              VARCHAR(500)  NULL,
    kind                   VARCHAR(16)   NOT NULL,         -- WEBINAR, LIVE_QA, IN_PERSON, HYBRID
    starts_local           DATETIME      NOT NULL,
    ends_local             DATETIME      NOT NULL,
    zone                   VARCHAR(64)   NOT NULL,
    starts_at              DATETIME(6)   NOT NULL,
    ends_at                DATETIME(6)   NOT NULL,
    location               VARCHAR(300)  NOT NULL DEFAULT '',
    join_url               VARCHAR(500)  NULL,
    join_window_minutes    INT           NOT NULL DEFAULT 15,
    capacity               INT           NULL,             -- NULL: no limit
    max_guests             INT           NOT NULL DEFAULT 0,
    seats_taken            INT           NOT NULL DEFAULT 0, -- registered members and their guests
    waitlist_next          BIGINT        NOT NULL DEFAULT 0, -- the waitlist's order, handed out under the event's lock
    offer_hours            INT           NOT NULL DEFAULT 24,
    auto_promote           BOOLEAN       NOT NULL DEFAULT FALSE,
    registration_opens_at  DATETIME(6)   NULL,
    registration_closes_at DATETIME(6)   NULL,
    visibility             VARCHAR(8)    NOT NULL DEFAULT 'EVERYONE', -- EVERYONE, MEMBERS, GROUPS
    status                 VARCHAR(10)   NOT NULL DEFAULT 'DRAFT',    -- DRAFT, PUBLISHED, CANCELLED, FINISHED
    category_id            BIGINT        NULL,             -- where its discussion thread is started
    thread_id              BIGINT        NULL,
    recording_url          VARCHAR(500)  NULL,
    slides_url             VARCHAR(500)  NULL,
    recording_visibility   VARCHAR(12)   NOT NULL DEFAULT 'REGISTRANTS', -- REGISTRANTS, MEMBERS, EVERYONE
    organizer_id           BIGINT        NOT NULL,
    created_at             DATETIME(6)   NOT NULL,
    updated_at             DATETIME(6)   NOT NULL,
    CONSTRAINT uk_events_uid UNIQUE (uid),
    CONSTRAINT fk_events_series FOREIGN KEY (series_id) REFERENCES event_series (id),
    INDEX ix_events_upcoming (status, starts_at),
    INDEX ix_events_starts (starts_at, id),        -- the events lists, upcoming and past, paged by (start, id)
    INDEX ix_events_ends (ends_at),
    INDEX ix_events_series (series_id, starts_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE event_groups (
    event_id BIGINT NOT NULL,
    group_id BIGINT NOT NULL,
    PRIMARY KEY (event_id, group_id),
    CONSTRAINT fk_event_groups_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE event_hosts (
    event_id  BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    PRIMARY KEY (event_id, member_id),
    CONSTRAINT fk_event_hosts_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
    CONSTRAINT fk_event_hosts_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE event_questions (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_id  BIGINT       NOT NULL,
    label     VARCHAR(300) NOT NULL,
    required  BOOLEAN      NOT NULL DEFAULT FALSE,
    position  INT          NOT NULL,
    CONSTRAINT fk_event_questions_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per member and event: REGISTERED (a seat, with guests), WAITLISTED (in waitlist_seq order), OFFERED (a
-- freed seat held for them until offer_expires_at), CANCELLED. The unique key makes registering twice impossible.
CREATE TABLE event_registrations (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_id          BIGINT        NOT NULL,
    member_id         BIGINT        NOT NULL,
    status            VARCHAR(10)   NOT NULL,
    guests            INT           NOT NULL DEFAULT 0,
    answers           VARCHAR(4000) NOT NULL DEFAULT '[]',
    waitlist_seq      BIGINT        NULL,
    offer_expires_at  DATETIME(6)   NULL,
    attended_at       DATETIME(6)   NULL,
    attendance_source VARCHAR(8)    NULL,   -- JOIN (clicked through), HOST (marked), IMPORT (CSV)
    created_at        DATETIME(6)   NOT NULL,
    updated_at        DATETIME(6)   NOT NULL,
    CONSTRAINT uk_event_registrations UNIQUE (event_id, member_id),
    CONSTRAINT fk_event_registrations_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
    CONSTRAINT fk_event_registrations_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_event_registrations_waitlist (event_id, status, waitlist_seq),
    INDEX ix_event_registrations_member (member_id, status),
    INDEX ix_event_registrations_offers (status, offer_expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Mails sent about an event, one row each (a reminder "remind:24h", an invitation "seq:2", a registration step):
-- a mail is queued only by the transaction that inserts its row, so a reminder goes once even when two nodes look
-- at the same moment, and a delivery that runs twice mails once.
CREATE TABLE event_mails (
    event_id  BIGINT      NOT NULL,
    member_id BIGINT      NOT NULL,
    mail_key  VARCHAR(80) NOT NULL,
    sent_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (event_id, member_id, mail_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A member's private calendar feed: the token is shown once, only its hash is kept; a new one revokes the old.
CREATE TABLE event_feed_tokens (
    member_id  BIGINT      NOT NULL PRIMARY KEY,
    token_hash CHAR(64)    NOT NULL,
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT uk_event_feed_tokens UNIQUE (token_hash),
    CONSTRAINT fk_event_feed_tokens_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Calendar parts of mails (iCalendar, RFC 5546): the METHOD and the body, sent as text/calendar; method=...
ALTER TABLE mails ADD COLUMN calendar_method VARCHAR(8) NULL, ADD COLUMN calendar_body MEDIUMTEXT NULL;

-- Badges for events: attendance is counted in the badges' ledger, and the two event badges are earned from now on.
ALTER TABLE badge_member_stats ADD COLUMN events_attended INT NOT NULL DEFAULT 0;
UPDATE badges SET enabled = TRUE, updated_at = UTC_TIMESTAMP(6) WHERE slug IN ('first-event', 'event-regular');
