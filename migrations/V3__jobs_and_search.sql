-- The durable job queue (indexing, and later mail and webhooks), full-text indexes for the MariaDB search, and
-- the state of the last search reindex.

CREATE TABLE jobs (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind         VARCHAR(40)   NOT NULL,
    payload      VARCHAR(500)  NOT NULL,
    run_at       DATETIME(6)   NOT NULL,
    attempts     INT           NOT NULL DEFAULT 0,
    last_error   VARCHAR(1000) NULL,
    locked_until DATETIME(6)   NULL,
    created_at   DATETIME(6)   NOT NULL,
    INDEX ix_jobs_due (run_at, id),
    INDEX ix_jobs_kind (kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE search_reindex (
    id          TINYINT      NOT NULL PRIMARY KEY,
    state       VARCHAR(16)  NOT NULL,  -- IDLE, RUNNING, DONE, FAILED
    target      VARCHAR(100) NULL,      -- the index being built while RUNNING
    total       INT          NOT NULL DEFAULT 0,
    done        INT          NOT NULL DEFAULT 0,
    started_at  DATETIME(6)  NULL,
    finished_at DATETIME(6)  NULL,
    error       VARCHAR(1000) NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO search_reindex (id, state) VALUES (1, 'IDLE');

ALTER TABLE posts ADD FULLTEXT INDEX ft_posts_body (body_source);
ALTER TABLE threads ADD FULLTEXT INDEX ft_threads_title (title);
