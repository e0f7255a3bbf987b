-- Outgoing webhooks: admins register an address, the event types it wants and whether it may receive private
-- content; each delivery is kept (its body, its attempts, the receiver's answer) so it can be inspected and sent
-- again, and is sent by the durable job queue with back-off. The signing secret is kept encrypted.
CREATE TABLE webhooks (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    url                   VARCHAR(500) NOT NULL,
    description           VARCHAR(200) NOT NULL DEFAULT '',
    secret_encrypted      VARCHAR(200) NOT NULL,
    event_types           VARCHAR(500) NOT NULL,  -- comma-separated, e.g. thread.created,post.published
    include_private       BOOLEAN      NOT NULL DEFAULT FALSE,
    allow_private_network BOOLEAN      NOT NULL DEFAULT FALSE,
    enabled               BOOLEAN      NOT NULL DEFAULT TRUE,
    disabled_reason       VARCHAR(300) NULL,
    consecutive_failures  INT          NOT NULL DEFAULT 0,
    created_by            BIGINT       NOT NULL,
    created_at            DATETIME(6)  NOT NULL,
    updated_at            DATETIME(6)  NOT NULL,
    CONSTRAINT fk_webhooks_creator FOREIGN KEY (created_by) REFERENCES members (id),
    INDEX ix_webhooks_creator (created_by),
    INDEX ix_webhooks_enabled (enabled)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE webhook_deliveries (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    webhook_id       BIGINT       NOT NULL,
    delivery_id      CHAR(36)     NOT NULL,  -- sent as X-Ruche-Delivery: the receiver's idempotence key
    source_key       VARCHAR(120) NOT NULL,  -- the domain event it came from: one delivery per event and webhook
    event_type       VARCHAR(40)  NOT NULL,
    payload          MEDIUMTEXT   NOT NULL,
    status           VARCHAR(12)  NOT NULL,  -- PENDING, DELIVERED, FAILED (retrying), GAVE_UP
    attempts         INT          NOT NULL DEFAULT 0,
    response_code    INT          NULL,
    response_excerpt VARCHAR(500) NULL,
    error            VARCHAR(300) NULL,
    created_at       DATETIME(6)  NOT NULL,
    last_attempt_at  DATETIME(6)  NULL,
    delivered_at     DATETIME(6)  NULL,
    CONSTRAINT uk_webhook_deliveries_id UNIQUE (delivery_id),
    CONSTRAINT uk_webhook_deliveries_source UNIQUE (webhook_id, source_key),
    CONSTRAINT fk_webhook_deliveries_hook FOREIGN KEY (webhook_id) REFERENCES webhooks (id) ON DELETE CASCADE,
    INDEX ix_webhook_deliveries_log (webhook_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
