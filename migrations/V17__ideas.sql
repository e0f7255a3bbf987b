-- Ideas: a category kind where members vote for threads, and staff say what becomes of each.

ALTER TABLE threads
    ADD COLUMN vote_count       INT           NOT NULL DEFAULT 0,
    ADD COLUMN idea_status      VARCHAR(12)   NULL, -- NULL: new; UNDER_REVIEW, PLANNED, IN_PROGRESS, DONE, DECLINED
    ADD COLUMN idea_status_note VARCHAR(1000) NOT NULL DEFAULT '',
    ADD COLUMN idea_status_at   DATETIME(6)   NULL,
    ADD INDEX ix_threads_votes (category_id, vote_count, id),          -- an ideas category sorted by votes
    ADD INDEX ix_threads_idea_status (idea_status, vote_count, id);    -- the roadmap's columns

-- One vote per member per idea: the primary key is the guard.
CREATE TABLE idea_votes (
    thread_id  BIGINT      NOT NULL,
    member_id  BIGINT      NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (thread_id, member_id),
    CONSTRAINT fk_idea_votes_thread FOREIGN KEY (thread_id) REFERENCES threads (id) ON DELETE CASCADE,
    CONSTRAINT fk_idea_votes_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_idea_votes_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A member's votes on ideas still open (not done nor declined): what the vote budget counts. Locked before the
-- idea's row by every vote, so a member voting in several tabs at once cannot exceed it.
CREATE TABLE idea_voters (
    member_id  BIGINT NOT NULL PRIMARY KEY,
    open_votes INT    NOT NULL DEFAULT 0,
    CONSTRAINT fk_idea_voters_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Votes each member may have on open ideas at once; 0: no limit.
ALTER TABLE forum_settings ADD COLUMN idea_vote_budget INT NOT NULL DEFAULT 10;
