-- Staff tools a moderator can trust: where a merged thread's posts went (its old address redirects there), small
-- notes in a thread saying what staff did (and who), who hid a post (the flags until reviewed, or a moderator's
-- decision), how each flag ended (for the flagger's accuracy), and the name of what an audit entry acted on.

CREATE TABLE thread_redirects (
    thread_id  BIGINT      NOT NULL PRIMARY KEY,  -- the thread that no longer exists
    target_id  BIGINT      NOT NULL,              -- where its posts went
    position   INT         NOT NULL DEFAULT 1,    -- the first of them in the target
    created_at DATETIME(6) NOT NULL,
    INDEX ix_thread_redirects_target (target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- "Closed by alice", "3 posts were moved to …": shown between the posts, after the post at after_position.
CREATE TABLE thread_notes (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    thread_id      BIGINT       NOT NULL,
    after_position INT          NOT NULL,
    actor_id       BIGINT       NULL,
    action         VARCHAR(24)  NOT NULL, -- lock, unlock, close, reopen, pin, unpin, move, merge-in, split-out, ...
    other_thread   BIGINT       NULL,     -- the thread posts went to or came from
    other_title    VARCHAR(200) NULL,
    from_category  BIGINT       NULL,     -- a move: where it was (for "move back")
    to_category    BIGINT       NULL,
    post_count     INT          NOT NULL DEFAULT 0,
    amount         INT          NOT NULL DEFAULT 0, -- slow mode seconds
    created_at     DATETIME(6)  NOT NULL,
    CONSTRAINT fk_thread_notes_thread FOREIGN KEY (thread_id) REFERENCES threads (id) ON DELETE CASCADE,
    INDEX ix_thread_notes_thread (thread_id, after_position, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE posts ADD COLUMN hidden_by VARCHAR(8) NULL; -- FLAGS (until reviewed) or STAFF (a moderator's decision)
UPDATE posts SET hidden_by = 'FLAGS' WHERE hidden_at IS NOT NULL;

-- How a flag ended: UPHELD (the moderators agreed), REJECTED (they disagreed), IGNORED; NULL while open.
ALTER TABLE flags ADD COLUMN outcome VARCHAR(8) NULL,
    ADD INDEX ix_flags_member_outcome (member_id, outcome);
UPDATE flags f JOIN review_items r ON r.post_id = f.post_id AND r.status = 'RESOLVED' AND r.resolved_at >= f.created_at
SET f.outcome = CASE WHEN r.resolution = 'APPROVE' THEN 'REJECTED' ELSE 'UPHELD' END;

-- A held post's rejection reason, sent to its author.
ALTER TABLE queued_posts ADD COLUMN reject_reason VARCHAR(500) NULL;

-- What the entry acted on, named when it happened (a thread's title, a member's name): the log stays readable after
-- the subject changes or goes.
ALTER TABLE audit_log ADD COLUMN subject VARCHAR(200) NOT NULL DEFAULT '',
    ADD INDEX ix_audit_created_at (created_at);

-- The console's dashboard counts new members per day over 30 days.
ALTER TABLE members ADD INDEX ix_members_created (created_at);
ALTER TABLE review_items ADD INDEX ix_review_resolved (resolved_at);
