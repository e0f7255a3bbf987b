-- Uploads: images (re-encoded without their metadata) and files, stored behind a storage port (a folder by default,
-- one that several nodes share when configured); avatars chosen by members.

CREATE TABLE uploads (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    upload_key    CHAR(22)     NOT NULL,  -- random, in the address: uploads cannot be listed by counting
    member_id     BIGINT       NOT NULL,
    kind          VARCHAR(8)   NOT NULL,  -- IMAGE, FILE, AVATAR
    file_name     VARCHAR(200) NOT NULL,
    content_type  VARCHAR(100) NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    width         INT          NULL,
    height        INT          NULL,
    has_thumbnail BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    DATETIME(6)  NOT NULL,
    CONSTRAINT uk_uploads_key UNIQUE (upload_key),
    CONSTRAINT fk_uploads_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_uploads_member (member_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What members may upload: size limits in megabytes for new members (trust level 0) and the others, and the trust
-- level from which files (not only images) are allowed. Staff have the larger limit and may upload files.
CREATE TABLE upload_settings (
    id               TINYINT NOT NULL PRIMARY KEY,
    new_member_mb    INT     NOT NULL DEFAULT 2,
    member_mb        INT     NOT NULL DEFAULT 8,
    files_from_trust INT     NOT NULL DEFAULT 1
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO upload_settings (id) VALUES (1);

ALTER TABLE members ADD COLUMN avatar_key CHAR(22) NULL; -- an uploaded avatar replaces the generated one
