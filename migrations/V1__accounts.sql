-- Members, their sessions, groups, and the counters behind rate limits.

CREATE TABLE members (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    display_name  VARCHAR(64)  NOT NULL,
    bio           VARCHAR(1000) NOT NULL DEFAULT '',
    role          VARCHAR(16)  NOT NULL DEFAULT 'MEMBER',
    locale        VARCHAR(8)   NULL,
    created_at    DATETIME(6)  NOT NULL,
    -- The case-insensitive collation makes "Alice" and "alice" the same name, and the same for e-mails.
    CONSTRAINT uk_members_username UNIQUE (username),
    CONSTRAINT uk_members_email UNIQUE (email),
    INDEX ix_members_role (role)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sessions (
    id           CHAR(64)    NOT NULL PRIMARY KEY, -- SHA-256 of the cookie token; the token itself is never stored
    member_id    BIGINT      NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    last_seen_at DATETIME(6) NOT NULL,
    expires_at   DATETIME(6) NOT NULL,
    ip           VARCHAR(45) NOT NULL,
    user_agent   VARCHAR(255) NOT NULL DEFAULT '',
    CONSTRAINT fk_sessions_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_sessions_member (member_id),
    INDEX ix_sessions_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE member_groups (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(500) NOT NULL DEFAULT '',
    created_at  DATETIME(6)  NOT NULL,
    CONSTRAINT uk_member_groups_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE group_memberships (
    group_id  BIGINT      NOT NULL,
    member_id BIGINT      NOT NULL,
    added_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (group_id, member_id),
    CONSTRAINT fk_group_memberships_group FOREIGN KEY (group_id) REFERENCES member_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_group_memberships_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_group_memberships_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE rate_limit_buckets (
    bucket       VARCHAR(190) NOT NULL PRIMARY KEY,
    window_start BIGINT       NOT NULL,
    hits         INT          NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
