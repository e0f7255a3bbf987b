-- Theme management: the active pack and the brand's overrides, chosen in the console (the configuration's
-- ruche.theme is the default until an admin chooses), and the brand's own logo and favicon.
CREATE TABLE theme_settings (
    id              TINYINT      NOT NULL PRIMARY KEY,
    theme_id        VARCHAR(64)  NULL,
    accent          CHAR(7)      NULL,
    accent_contrast CHAR(7)      NULL,
    header_bg       CHAR(7)      NULL,
    header_text     CHAR(7)      NULL,
    font            VARCHAR(80)  NULL,
    radius          INT          NULL,
    version         BIGINT       NOT NULL DEFAULT 0,
    updated_at      DATETIME(6)  NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO theme_settings (id) VALUES (1);

CREATE TABLE theme_assets (
    name         VARCHAR(16)  NOT NULL PRIMARY KEY,   -- logo, favicon
    content_type VARCHAR(40)  NOT NULL,
    bytes        MEDIUMBLOB   NOT NULL,
    updated_at   DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
