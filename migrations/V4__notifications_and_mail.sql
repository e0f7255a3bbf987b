-- Notifications, their preferences, category follows, the live event feed shared by all nodes, the outgoing mail
-- queue, single-use account tokens, digest scheduling, and jobs that gave up after their last try.

ALTER TABLE members
    ADD COLUMN email_verified_at DATETIME(6) NULL,
    ADD COLUMN time_zone         VARCHAR(64) NOT NULL DEFAULT 'UTC',
    ADD COLUMN last_seen_at      DATETIME(6) NULL,
    ADD COLUMN digest            VARCHAR(8)  NOT NULL DEFAULT 'WEEKLY', -- OFF, DAILY, WEEKLY
    ADD COLUMN digest_hour       TINYINT     NOT NULL DEFAULT 8,        -- local hour the digest leaves at
    ADD COLUMN next_digest_at    DATETIME(6) NULL,                      -- NULL when the digest is off
    ADD COLUMN last_digest_at    DATETIME(6) NULL,
    ADD INDEX ix_members_next_digest (next_digest_at);
-- Accounts that existed before verification was asked for keep their right to post.
UPDATE members SET email_verified_at = created_at, last_seen_at = created_at,
                   next_digest_at = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 7 DAY);

ALTER TABLE jobs
    ADD COLUMN failed_at DATETIME(6) NULL, -- set after the last try: the job waits for an admin to retry it
    ADD INDEX ix_jobs_failed (failed_at);

CREATE TABLE notifications (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id   BIGINT       NOT NULL,
    kind        VARCHAR(24)  NOT NULL,
    thread_id   BIGINT       NULL,
    post_id     BIGINT       NULL,
    actor_id    BIGINT       NULL,     -- the latest person behind it
    actor_count INT          NOT NULL DEFAULT 1, -- grouped reactions: "Anna and 4 others"
    group_key   VARCHAR(100) NULL,     -- unread notifications with the same key are merged
    detail      VARCHAR(500) NOT NULL DEFAULT '', -- reaction kind, staff message text
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    read_at     DATETIME(6)  NULL,
    emailed_at  DATETIME(6)  NULL,
    CONSTRAINT fk_notifications_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_notifications_thread FOREIGN KEY (thread_id) REFERENCES threads (id) ON DELETE CASCADE,
    CONSTRAINT fk_notifications_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT fk_notifications_actor FOREIGN KEY (actor_id) REFERENCES members (id) ON DELETE SET NULL,
    INDEX ix_notifications_member (member_id, id),
    INDEX ix_notifications_unread (member_id, read_at),
    INDEX ix_notifications_group (member_id, group_key, read_at),
    INDEX ix_notifications_thread (thread_id),
    INDEX ix_notifications_post (post_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE notification_preferences (
    member_id BIGINT      NOT NULL,
    kind      VARCHAR(24) NOT NULL,
    channel   VARCHAR(8)  NOT NULL, -- OFF, APP, EMAIL, DIGEST
    PRIMARY KEY (member_id, kind),
    CONSTRAINT fk_notification_preferences_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE category_follows (
    category_id BIGINT      NOT NULL,
    member_id   BIGINT      NOT NULL,
    level       VARCHAR(16) NOT NULL, -- WATCHING, TRACKING or MUTED
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (category_id, member_id),
    CONSTRAINT fk_category_follows_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE,
    CONSTRAINT fk_category_follows_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_category_follows_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The live feed: every node tails this table and pushes new rows to its own connected browsers.
CREATE TABLE live_events (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    topic      VARCHAR(64)   NOT NULL, -- member:{id} or thread:{id}
    type       VARCHAR(24)   NOT NULL,
    payload    VARCHAR(2000) NOT NULL,
    created_at DATETIME(6)   NOT NULL,
    INDEX ix_live_events_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE mails (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id   BIGINT        NULL,
    to_address  VARCHAR(254)  NOT NULL,
    template    VARCHAR(32)   NOT NULL,
    locale      VARCHAR(8)    NOT NULL,
    subject     VARCHAR(300)  NOT NULL,
    text_body   MEDIUMTEXT    NOT NULL,
    html_body   MEDIUMTEXT    NOT NULL,
    unsubscribe VARCHAR(500)  NULL,      -- the one-click URL, for the List-Unsubscribe headers
    message_id  VARCHAR(200)  NOT NULL,
    status      VARCHAR(8)    NOT NULL,  -- QUEUED, SENT, FAILED
    attempts    INT           NOT NULL DEFAULT 0,
    last_error  VARCHAR(1000) NULL,
    created_at  DATETIME(6)   NOT NULL,
    sent_at     DATETIME(6)   NULL,
    CONSTRAINT fk_mails_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE SET NULL,
    INDEX ix_mails_status (status, id),
    INDEX ix_mails_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE account_tokens (
    id         CHAR(64)     NOT NULL PRIMARY KEY, -- SHA-256 of the token sent by mail
    member_id  BIGINT       NOT NULL,
    purpose    VARCHAR(16)  NOT NULL,             -- VERIFY, RESET, EMAIL_CHANGE
    new_email  VARCHAR(254) NULL,
    created_at DATETIME(6)  NOT NULL,
    expires_at DATETIME(6)  NOT NULL,
    used_at    DATETIME(6)  NULL,
    CONSTRAINT fk_account_tokens_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_account_tokens_member (member_id, purpose),
    INDEX ix_account_tokens_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Secrets every node must share (the key that signs unsubscribe links), created on first use.
CREATE TABLE app_secrets (
    name  VARCHAR(64)  NOT NULL PRIMARY KEY,
    value VARCHAR(128) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
