-- A member's own account: deletion after a grace period, and the export of their data.

ALTER TABLE members
    ADD COLUMN deletion_due_at DATETIME(6) NULL, -- set while a deletion waits out its grace period
    ADD COLUMN erased_at       DATETIME(6) NULL, -- the account was deleted: the row keeps no personal data
    ADD INDEX ix_members_deletion_due (deletion_due_at);

-- What a deleted member's posts become: KEEP (shown as a deleted member) or REMOVE (their text erased).
ALTER TABLE site_settings ADD COLUMN deleted_member_posts VARCHAR(8) NOT NULL DEFAULT 'KEEP';

-- A member's data as a zip, built by a job; kept a week, then purged.
CREATE TABLE data_exports (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id    BIGINT       NOT NULL,
    requested_at DATETIME(6)  NOT NULL,
    ready_at     DATETIME(6)  NULL,
    expires_at   DATETIME(6)  NULL,
    size_bytes   BIGINT       NULL,
    content      LONGBLOB     NULL,
    CONSTRAINT fk_data_exports_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_data_exports_member (member_id, requested_at),
    INDEX ix_data_exports_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
