-- Rules that say "one" are kept by unique keys, so two writers at the same moment cannot both insert.

-- One open review item per post. Earlier races may have left several: the oldest stays open.
UPDATE review_items r
    JOIN (SELECT post_id, MIN(id) AS keep_id FROM review_items
          WHERE status = 'OPEN' AND post_id IS NOT NULL GROUP BY post_id HAVING COUNT(*) > 1) d
      ON d.post_id = r.post_id
SET r.status = 'RESOLVED', r.resolution = 'DUPLICATE', r.resolved_at = r.created_at
WHERE r.status = 'OPEN' AND r.id <> d.keep_id;

ALTER TABLE review_items
    ADD COLUMN open_post_id BIGINT AS (IF(status = 'OPEN', post_id, NULL)) PERSISTENT,
    ADD CONSTRAINT uk_review_open_post UNIQUE (open_post_id);

-- One notification per (recipient, event): a job delivered twice, or run by two nodes, notifies once.
CREATE TABLE notification_deliveries (
    member_id  BIGINT       NOT NULL,
    event_key  VARCHAR(100) NOT NULL, -- post:{id}, reaction:{post}:{member}:{kind}, accepted:{post}
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (member_id, event_key),
    CONSTRAINT fk_notification_deliveries_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_notification_deliveries_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Jobs run in lanes (search, mail, notifications, ...) so one slow dependency cannot hold up the others.
ALTER TABLE jobs
    ADD COLUMN lane VARCHAR(16) NOT NULL DEFAULT 'default',
    ADD COLUMN locked_by VARCHAR(64) NULL,
    ADD INDEX ix_jobs_lane_due (lane, failed_at, run_at, id);
UPDATE jobs SET lane = CASE
    WHEN kind LIKE 'search.%' THEN 'search'
    WHEN kind = 'mail.send' THEN 'mail'
    WHEN kind LIKE 'notify.%' THEN 'notify'
    ELSE 'default' END;

-- Failed sign-ins per login, for a delay that doubles after too many (never a lock-out of the right password).
CREATE TABLE sign_in_throttle (
    login           VARCHAR(190) NOT NULL PRIMARY KEY,
    failures        INT          NOT NULL,
    last_failure_at DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
