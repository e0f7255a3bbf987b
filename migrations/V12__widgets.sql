-- Embeddable widgets. The brand's sites allowed to frame them (an exact origin each: scheme, host and port), and a
-- content version every node compares with its cache: a change a widget may show (a post, a thread, an event)
-- raises it, so each node drops what it rendered before within a second.
CREATE TABLE widget_origins (
    origin     VARCHAR(200) NOT NULL PRIMARY KEY,
    added_by   BIGINT       NULL,
    added_at   DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE widget_versions (
    id      TINYINT NOT NULL PRIMARY KEY,
    version BIGINT  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO widget_versions (id, version) VALUES (1, 0);
