-- API keys: scripts call the API as a member, within the key's scopes. Only the SHA-256 of a key is kept (keys are
-- long random strings, so a fast hash suffices); the prefix names it in lists. Global keys are made by admins and
-- act as the member they name (the admin by default); personal keys are members' own.
CREATE TABLE api_keys (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    token_hash      CHAR(64)     NOT NULL,
    prefix          VARCHAR(20)  NOT NULL,
    name            VARCHAR(100) NOT NULL,
    kind            VARCHAR(10)  NOT NULL,  -- GLOBAL, PERSONAL
    scopes          VARCHAR(60)  NOT NULL,  -- comma-separated: READ, WRITE, MODERATION, ADMIN
    member_id       BIGINT       NOT NULL,  -- the member the key acts as
    created_by      BIGINT       NOT NULL,
    rate_per_minute INT          NOT NULL DEFAULT 600,
    created_at      DATETIME(6)  NOT NULL,
    revoked_at      DATETIME(6)  NULL,
    last_used_at    DATETIME(6)  NULL,
    last_used_ip    VARCHAR(45)  NULL,
    CONSTRAINT uk_api_keys_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_keys_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_api_keys_creator FOREIGN KEY (created_by) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_api_keys_member (member_id, id),
    INDEX ix_api_keys_creator (created_by),
    INDEX ix_api_keys_kind (kind, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
