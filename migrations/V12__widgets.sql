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

-- Testimonials with their consent record: staff propose a member's words (the post, or an excerpt of it); the member
-- sees exactly this text, where it may appear (sites: empty = any allowed site) and until when, and answers. The
-- row keeps what was agreed: the text (a later edit of the post changes nothing), the scope, the expiry, the
-- identity choice, every date. Withdrawn or expired, it is shown nowhere; staff choose which accepted ones show.
CREATE TABLE testimonials (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    post_id        BIGINT        NOT NULL,
    member_id      BIGINT        NOT NULL,
    text           VARCHAR(800)  NOT NULL,
    origins        VARCHAR(1000) NOT NULL DEFAULT '',   -- space-separated origins; empty: every allowed site
    expires_at     DATETIME(6)   NOT NULL,
    status         VARCHAR(10)   NOT NULL,              -- PROPOSED, ACCEPTED, DECLINED, WITHDRAWN
    show_identity  BOOLEAN       NOT NULL DEFAULT FALSE,
    shown          BOOLEAN       NOT NULL DEFAULT TRUE,  -- staff's curation among accepted ones
    proposed_by    BIGINT        NOT NULL,
    proposed_at    DATETIME(6)   NOT NULL,
    answered_at    DATETIME(6)   NULL,
    withdrawn_at   DATETIME(6)   NULL,
    CONSTRAINT fk_testimonials_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_testimonials_member (member_id, proposed_at),
    INDEX ix_testimonials_live (status, shown, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
