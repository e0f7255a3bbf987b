-- Bookmarks: posts a member keeps, with a note and an optional reminder through the notifications.

CREATE TABLE bookmarks (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id   BIGINT       NOT NULL,
    post_id     BIGINT       NOT NULL,
    note        VARCHAR(300) NOT NULL DEFAULT '',
    remind_at   DATETIME(6)  NULL,
    reminded_at DATETIME(6)  NULL,
    created_at  DATETIME(6)  NOT NULL,
    CONSTRAINT uk_bookmarks_member_post UNIQUE (member_id, post_id),
    CONSTRAINT fk_bookmarks_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_bookmarks_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    INDEX ix_bookmarks_member (member_id, id),      -- the member's list, newest first, by keyset
    INDEX ix_bookmarks_due (reminded_at, remind_at) -- reminders due: reminded_at IS NULL AND remind_at <= now
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
