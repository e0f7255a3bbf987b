-- Moderation: flags, the review queue (flagged posts and posts held before publication), watched words, sanctions
-- and bans, thread tools (slow mode, staff notes, official replies), crisis mode, site settings, the audit log,
-- staff notes on members and canned replies.

ALTER TABLE posts
    ADD COLUMN hidden_at   DATETIME(6) NULL,      -- hidden by flags or by a moderator until reviewed
    ADD COLUMN official    BOOLEAN     NOT NULL DEFAULT FALSE, -- a staff post marked as the brand's voice
    ADD COLUMN flag_count  INT         NOT NULL DEFAULT 0;

ALTER TABLE threads
    ADD COLUMN slow_mode_seconds INT          NOT NULL DEFAULT 0,
    ADD COLUMN staff_note        VARCHAR(500) NULL; -- shown on a closed thread

ALTER TABLE categories
    ADD COLUMN premoderated BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE members
    ADD COLUMN silenced_until  DATETIME(6)  NULL,
    ADD COLUMN suspended_until DATETIME(6)  NULL,
    ADD COLUMN approved_posts  INT          NOT NULL DEFAULT 0; -- posts published (directly or approved)
UPDATE members m SET approved_posts = (SELECT COUNT(*) FROM posts p WHERE p.author_id = m.id);

-- A post waiting for a moderator: not in the thread yet; approving it publishes it as its author.
CREATE TABLE queued_posts (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    author_id    BIGINT        NOT NULL,
    thread_id    BIGINT        NULL,      -- a reply; NULL for a new thread
    category_id  BIGINT        NOT NULL,
    title        VARCHAR(200)  NULL,
    tags         VARCHAR(500)  NOT NULL DEFAULT '',
    reply_to_id  BIGINT        NULL,
    body_source  MEDIUMTEXT    NOT NULL,
    reason       VARCHAR(24)   NOT NULL,  -- NEW_MEMBER, LINKS, CATEGORY, CRISIS, WATCHED_WORD
    detail       VARCHAR(300)  NOT NULL DEFAULT '',
    status       VARCHAR(12)   NOT NULL DEFAULT 'PENDING', -- PENDING, APPROVED, REJECTED
    created_at   DATETIME(6)   NOT NULL,
    decided_at   DATETIME(6)   NULL,
    decided_by   BIGINT        NULL,
    post_id      BIGINT        NULL,      -- the published post once approved
    CONSTRAINT fk_queued_author FOREIGN KEY (author_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_queued_thread FOREIGN KEY (thread_id) REFERENCES threads (id) ON DELETE CASCADE,
    CONSTRAINT fk_queued_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE,
    INDEX ix_queued_author (author_id, status),
    INDEX ix_queued_thread (thread_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE flags (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    post_id    BIGINT       NOT NULL,
    member_id  BIGINT       NOT NULL,
    reason     VARCHAR(16)  NOT NULL, -- SPAM, OFF_TOPIC, INAPPROPRIATE, HARASSMENT, OTHER
    note       VARCHAR(500) NOT NULL DEFAULT '',
    created_at DATETIME(6)  NOT NULL,
    CONSTRAINT uk_flags_post_member UNIQUE (post_id, member_id),
    CONSTRAINT fk_flags_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT fk_flags_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_flags_member (member_id),
    INDEX ix_flags_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The review queue: one open item per flagged post or queued post.
CREATE TABLE review_items (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    post_id        BIGINT       NULL,
    queued_post_id BIGINT       NULL,
    reason         VARCHAR(24)  NOT NULL, -- FLAGGED, or the queued post's reason
    category_id    BIGINT       NOT NULL,
    author_id      BIGINT       NOT NULL,
    status         VARCHAR(12)  NOT NULL DEFAULT 'OPEN', -- OPEN, RESOLVED
    claimed_by     BIGINT       NULL,
    claimed_at     DATETIME(6)  NULL,
    created_at     DATETIME(6)  NOT NULL,
    resolved_at    DATETIME(6)  NULL,
    resolved_by    BIGINT       NULL,
    resolution     VARCHAR(16)  NULL,
    CONSTRAINT fk_review_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT fk_review_queued FOREIGN KEY (queued_post_id) REFERENCES queued_posts (id) ON DELETE CASCADE,
    CONSTRAINT fk_review_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE,
    CONSTRAINT fk_review_author FOREIGN KEY (author_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_review_open (status, id),
    INDEX ix_review_post (post_id, status),
    INDEX ix_review_queued (queued_post_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sanctions (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id  BIGINT       NOT NULL,
    kind       VARCHAR(12)  NOT NULL, -- WARNING, SILENCE, SUSPENSION
    reason     VARCHAR(500) NOT NULL,
    created_by BIGINT       NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    ends_at    DATETIME(6)  NULL,
    lifted_at  DATETIME(6)  NULL,
    lifted_by  BIGINT       NULL,
    CONSTRAINT fk_sanctions_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_sanctions_member (member_id, created_at),
    INDEX ix_sanctions_ends (ends_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE bans (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind       VARCHAR(16)  NOT NULL, -- EMAIL_DOMAIN, EMAIL, ADDRESS_RANGE (CIDR)
    value      VARCHAR(254) NOT NULL,
    reason     VARCHAR(500) NOT NULL DEFAULT '',
    created_by BIGINT       NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    CONSTRAINT uk_bans UNIQUE (kind, value)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE watched_words (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    pattern    VARCHAR(300) NOT NULL,
    match_kind VARCHAR(10)  NOT NULL, -- PLAIN, WILDCARD, REGEX
    action     VARCHAR(10)  NOT NULL, -- BLOCK, APPROVE, FLAG, CENSOR, LINK
    link_url   VARCHAR(500) NULL,
    created_by BIGINT       NOT NULL,
    created_at DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every staff action; rows are only ever inserted.
CREATE TABLE audit_log (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    actor_id    BIGINT       NULL,
    action      VARCHAR(40)  NOT NULL,
    target_type VARCHAR(16)  NOT NULL,
    target_id   BIGINT       NULL,
    summary     VARCHAR(500) NOT NULL DEFAULT '',
    reason      VARCHAR(500) NOT NULL DEFAULT '',
    created_at  DATETIME(6)  NOT NULL,
    INDEX ix_audit_created (id),
    INDEX ix_audit_action (action, id),
    INDEX ix_audit_actor (actor_id, id),
    INDEX ix_audit_target (target_type, target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE staff_notes (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id  BIGINT        NOT NULL,
    author_id  BIGINT        NOT NULL,
    body       VARCHAR(2000) NOT NULL,
    created_at DATETIME(6)   NOT NULL,
    CONSTRAINT fk_staff_notes_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_staff_notes_member (member_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE canned_replies (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    title      VARCHAR(120)  NOT NULL,
    body       VARCHAR(5000) NOT NULL,
    created_by BIGINT        NOT NULL,
    created_at DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE site_settings (
    id                     TINYINT       NOT NULL PRIMARY KEY,
    name                   VARCHAR(80)   NOT NULL DEFAULT '',
    description            VARCHAR(500)  NOT NULL DEFAULT '',
    registration           VARCHAR(8)    NOT NULL DEFAULT 'OPEN', -- OPEN, CLOSED, INVITE
    languages              VARCHAR(20)   NOT NULL DEFAULT 'fr,en',
    flag_threshold         INT           NOT NULL DEFAULT 3,
    trusted_after_posts    INT           NOT NULL DEFAULT 3,  -- below this, a member is new
    new_member_approval    INT           NOT NULL DEFAULT 0,  -- first N posts of a new member wait for approval
    new_member_max_links   INT           NOT NULL DEFAULT 2,
    new_member_max_images  INT           NOT NULL DEFAULT 1,
    approve_first_link     BOOLEAN       NOT NULL DEFAULT TRUE, -- a new member's post with a link waits
    flags_per_hour         INT           NOT NULL DEFAULT 20,
    crisis_on              BOOLEAN       NOT NULL DEFAULT FALSE,
    crisis_message         VARCHAR(500)  NOT NULL DEFAULT '',
    crisis_categories      VARCHAR(500)  NOT NULL DEFAULT '', -- comma-separated ids; empty means everywhere
    crisis_slow_seconds    INT           NOT NULL DEFAULT 300,
    crisis_by              BIGINT        NULL,
    crisis_at              DATETIME(6)   NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO site_settings (id) VALUES (1);

-- Invitations, for a forum whose registration is by invitation only.
CREATE TABLE invites (
    id         CHAR(64)     NOT NULL PRIMARY KEY, -- SHA-256 of the code in the link
    email      VARCHAR(254) NOT NULL DEFAULT '',
    created_by BIGINT       NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    expires_at DATETIME(6)  NOT NULL,
    used_by    BIGINT       NULL,
    used_at    DATETIME(6)  NULL,
    INDEX ix_invites_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
