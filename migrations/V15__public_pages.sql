-- The public read path: what crawlers are asked (robots.txt, edited in the console; empty means the default). The
-- sitemap walks public threads by id ranges on the primary key and needs no index of its own.
CREATE TABLE crawl_settings (
    id         TINYINT     NOT NULL PRIMARY KEY,
    robots_txt TEXT        NULL,
    updated_at DATETIME(6) NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO crawl_settings (id) VALUES (1);
