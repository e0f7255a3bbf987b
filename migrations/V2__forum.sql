-- Forum core: categories and their rights, threads, posts, revisions, reactions, mentions, tags, follows, reads.

CREATE TABLE categories (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    parent_id      BIGINT       NULL,
    slug           VARCHAR(80)  NOT NULL,
    name           VARCHAR(80)  NOT NULL,
    description    VARCHAR(500) NOT NULL DEFAULT '',
    color          CHAR(7)      NOT NULL DEFAULT '#9a5b00',
    position       INT          NOT NULL DEFAULT 0,
    kind           VARCHAR(16)  NOT NULL DEFAULT 'DISCUSSION',
    -- Rights for everyone (guests included) and for every signed-in member; groups add to these.
    everyone_see   BOOLEAN      NOT NULL DEFAULT TRUE,
    members_see    BOOLEAN      NOT NULL DEFAULT TRUE,
    members_reply  BOOLEAN      NOT NULL DEFAULT TRUE,
    members_start  BOOLEAN      NOT NULL DEFAULT TRUE,
    thread_count   INT          NOT NULL DEFAULT 0,
    post_count     INT          NOT NULL DEFAULT 0,
    last_thread_id BIGINT       NULL,
    last_activity_at DATETIME(6) NULL,
    created_at     DATETIME(6)  NOT NULL,
    CONSTRAINT uk_categories_slug UNIQUE (slug),
    CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id),
    INDEX ix_categories_parent_position (parent_id, position)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE category_group_rights (
    category_id BIGINT  NOT NULL,
    group_id    BIGINT  NOT NULL,
    can_see     BOOLEAN NOT NULL DEFAULT TRUE,
    can_reply   BOOLEAN NOT NULL DEFAULT TRUE,
    can_start   BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (category_id, group_id),
    CONSTRAINT fk_cgr_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE,
    CONSTRAINT fk_cgr_group FOREIGN KEY (group_id) REFERENCES member_groups (id) ON DELETE CASCADE,
    INDEX ix_cgr_group (group_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE threads (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    category_id       BIGINT       NOT NULL,
    author_id         BIGINT       NOT NULL,
    title             VARCHAR(200) NOT NULL,
    slug              VARCHAR(200) NOT NULL,
    pinned            BOOLEAN      NOT NULL DEFAULT FALSE,
    pinned_globally   BOOLEAN      NOT NULL DEFAULT FALSE,
    locked            BOOLEAN      NOT NULL DEFAULT FALSE,
    archived          BOOLEAN      NOT NULL DEFAULT FALSE,
    accepted_post_id  BIGINT       NULL,
    post_count        INT          NOT NULL DEFAULT 1,  -- first post included; replies = post_count - 1
    view_count        INT          NOT NULL DEFAULT 0,
    reaction_count    INT          NOT NULL DEFAULT 0,
    participant_count INT          NOT NULL DEFAULT 1,
    last_post_id      BIGINT       NULL,
    last_poster_id    BIGINT       NULL,
    last_post_at      DATETIME(6)  NOT NULL,
    created_at        DATETIME(6)  NOT NULL,
    CONSTRAINT fk_threads_category FOREIGN KEY (category_id) REFERENCES categories (id),
    CONSTRAINT fk_threads_author FOREIGN KEY (author_id) REFERENCES members (id),
    CONSTRAINT fk_threads_last_poster FOREIGN KEY (last_poster_id) REFERENCES members (id),
    INDEX ix_threads_latest (last_post_at, id),
    INDEX ix_threads_category_latest (category_id, pinned, last_post_at, id),
    INDEX ix_threads_category_top (category_id, reaction_count, id),
    INDEX ix_threads_category_unanswered (category_id, post_count, last_post_at, id),
    INDEX ix_threads_pinned_globally (pinned_globally, last_post_at),
    INDEX ix_threads_author (author_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE posts (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    thread_id     BIGINT      NOT NULL,
    author_id     BIGINT      NOT NULL,
    position      INT         NOT NULL,  -- 1 for the first post, then in order of writing
    reply_to_id   BIGINT      NULL,
    body_source   MEDIUMTEXT  NOT NULL,
    body_html     MEDIUMTEXT  NOT NULL,
    reaction_count INT        NOT NULL DEFAULT 0,
    edit_count    INT         NOT NULL DEFAULT 0,
    created_at    DATETIME(6) NOT NULL,
    edited_at     DATETIME(6) NULL,
    deleted_at    DATETIME(6) NULL,
    deleted_by_id BIGINT      NULL,
    CONSTRAINT uk_posts_thread_position UNIQUE (thread_id, position),
    CONSTRAINT fk_posts_thread FOREIGN KEY (thread_id) REFERENCES threads (id) ON DELETE CASCADE,
    CONSTRAINT fk_posts_author FOREIGN KEY (author_id) REFERENCES members (id),
    CONSTRAINT fk_posts_reply_to FOREIGN KEY (reply_to_id) REFERENCES posts (id),
    CONSTRAINT fk_posts_deleted_by FOREIGN KEY (deleted_by_id) REFERENCES members (id),
    INDEX ix_posts_author (author_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE threads ADD CONSTRAINT fk_threads_accepted FOREIGN KEY (accepted_post_id) REFERENCES posts (id);
ALTER TABLE threads ADD CONSTRAINT fk_threads_last_post FOREIGN KEY (last_post_id) REFERENCES posts (id);
ALTER TABLE categories ADD CONSTRAINT fk_categories_last_thread FOREIGN KEY (last_thread_id) REFERENCES threads (id) ON DELETE SET NULL;

CREATE TABLE post_revisions (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    post_id     BIGINT      NOT NULL,
    editor_id   BIGINT      NOT NULL,
    body_source MEDIUMTEXT  NOT NULL,  -- the text as it was before this edit
    created_at  DATETIME(6) NOT NULL,
    CONSTRAINT fk_revisions_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT fk_revisions_editor FOREIGN KEY (editor_id) REFERENCES members (id),
    INDEX ix_revisions_post (post_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE reactions (
    post_id    BIGINT      NOT NULL,
    member_id  BIGINT      NOT NULL,
    kind       VARCHAR(16) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (post_id, kind, member_id),
    CONSTRAINT fk_reactions_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT fk_reactions_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_reactions_member (member_id, post_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Counts per post and kind, kept in step with reactions so the thread page never counts rows.
CREATE TABLE reaction_counts (
    post_id BIGINT      NOT NULL,
    kind    VARCHAR(16) NOT NULL,
    total   INT         NOT NULL,
    PRIMARY KEY (post_id, kind),
    CONSTRAINT fk_reaction_counts_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE mentions (
    post_id   BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    PRIMARY KEY (post_id, member_id),
    CONSTRAINT fk_mentions_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT fk_mentions_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_mentions_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE tags (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(40) NOT NULL,
    allowed    BOOLEAN     NOT NULL DEFAULT TRUE, -- on the admin's list (matters when tags are restricted)
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT uk_tags_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE thread_tags (
    thread_id BIGINT NOT NULL,
    tag_id    BIGINT NOT NULL,
    PRIMARY KEY (thread_id, tag_id),
    CONSTRAINT fk_thread_tags_thread FOREIGN KEY (thread_id) REFERENCES threads (id) ON DELETE CASCADE,
    CONSTRAINT fk_thread_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE,
    INDEX ix_thread_tags_tag (tag_id, thread_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE thread_follows (
    thread_id  BIGINT      NOT NULL,
    member_id  BIGINT      NOT NULL,
    level      VARCHAR(16) NOT NULL, -- WATCHING or MUTED
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (thread_id, member_id),
    CONSTRAINT fk_follows_thread FOREIGN KEY (thread_id) REFERENCES threads (id) ON DELETE CASCADE,
    CONSTRAINT fk_follows_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_follows_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE thread_reads (
    thread_id     BIGINT      NOT NULL,
    member_id     BIGINT      NOT NULL,
    last_position INT         NOT NULL,
    updated_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (member_id, thread_id),
    CONSTRAINT fk_reads_thread FOREIGN KEY (thread_id) REFERENCES threads (id) ON DELETE CASCADE,
    CONSTRAINT fk_reads_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_reads_thread (thread_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE forum_settings (
    id              TINYINT     NOT NULL PRIMARY KEY,
    tags_restricted BOOLEAN     NOT NULL DEFAULT FALSE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO forum_settings (id, tags_restricted) VALUES (1, FALSE);
