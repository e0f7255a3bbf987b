-- Badges: what members earn in public. Built-in badges name the rule that grants them (rule_key); badges made in the
-- console carry a rule template (rule_json). Retired badges stay on profiles and are no longer granted.
CREATE TABLE badges (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    slug           VARCHAR(64)   NOT NULL,
    name_en        VARCHAR(80)   NOT NULL,
    name_fr        VARCHAR(80)   NOT NULL,
    description_en VARCHAR(300)  NOT NULL,
    description_fr VARCHAR(300)  NOT NULL,
    icon           VARCHAR(40)   NOT NULL,               -- a built-in icon name
    tier           VARCHAR(8)    NOT NULL,               -- BRONZE, SILVER, GOLD
    badge_group    VARCHAR(16)   NOT NULL,               -- GETTING_STARTED, COMMUNITY, CONTRIBUTION, EVENTS, STAFF
    multiple       BOOLEAN       NOT NULL DEFAULT FALSE, -- granted again for each post, thread or year that earns it
    enabled        BOOLEAN       NOT NULL DEFAULT TRUE,
    retired        BOOLEAN       NOT NULL DEFAULT FALSE,
    allow_title    BOOLEAN       NOT NULL DEFAULT FALSE, -- may be shown as a title next to the member's name
    rule_key       VARCHAR(40)   NULL,                   -- the built-in rule, or NULL
    threshold      INT           NOT NULL DEFAULT 0,     -- the built-in rule's N
    rule_json      VARCHAR(2000) NULL,                   -- a console-made badge's template rule
    holder_count   INT           NOT NULL DEFAULT 0,
    created_at     DATETIME(6)   NOT NULL,
    updated_at     DATETIME(6)   NOT NULL,
    CONSTRAINT uk_badges_slug UNIQUE (slug),
    INDEX ix_badges_rule (rule_key, enabled)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per grant. grant_key is 'once' for a badge earned once; for a badge earned many times it names what earned
-- it (post:12, thread:7, year:2027), so a rule that runs twice grants once.
CREATE TABLE badge_grants (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    badge_id    BIGINT       NOT NULL,
    member_id   BIGINT       NOT NULL,
    grant_key   VARCHAR(40)  NOT NULL,
    post_id     BIGINT       NULL,
    thread_id   BIGINT       NULL,
    granted_at  DATETIME(6)  NOT NULL,
    granted_by  BIGINT       NULL,                       -- staff who granted it by hand; NULL for a rule
    reason      VARCHAR(300) NOT NULL DEFAULT '',
    CONSTRAINT uk_badge_grants UNIQUE (badge_id, member_id, grant_key),
    CONSTRAINT fk_badge_grants_badge FOREIGN KEY (badge_id) REFERENCES badges (id) ON DELETE CASCADE,
    CONSTRAINT fk_badge_grants_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_badge_grants_member (member_id, granted_at),
    INDEX ix_badge_grants_badge (badge_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What the rules count, kept up to date by the badges' event subscribers (never recounted on a hot path).
CREATE TABLE badge_member_stats (
    member_id               BIGINT NOT NULL PRIMARY KEY,
    posts                   INT    NOT NULL DEFAULT 0,
    replies                 INT    NOT NULL DEFAULT 0,
    accepted_answers        INT    NOT NULL DEFAULT 0,
    likers                  INT    NOT NULL DEFAULT 0, -- distinct members who liked their posts (capped per day)
    threads_answered_by_others INT NOT NULL DEFAULT 0,
    flags_upheld            INT    NOT NULL DEFAULT 0,
    first_post_id           BIGINT NULL,       -- for "welcome": a reply to the thread a newcomer started first
    days_visited            INT    NOT NULL DEFAULT 0, -- all time (badge_visit_days keeps the last 100 days only)
    CONSTRAINT fk_badge_stats_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A like counts for badges once per (giver, receiver), and a giver's likes count up to a cap a day: two accounts
-- liking each other's old posts cannot farm badges.
CREATE TABLE badge_likers (
    receiver_id BIGINT      NOT NULL,
    giver_id    BIGINT      NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (receiver_id, giver_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE badge_like_days (
    giver_id BIGINT NOT NULL,
    day      DATE   NOT NULL,
    counted  INT    NOT NULL DEFAULT 0,
    PRIMARY KEY (giver_id, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Days a member visited (from MemberSignedIn), for "regular"; kept 100 days.
CREATE TABLE badge_visit_days (
    member_id BIGINT NOT NULL,
    day       DATE   NOT NULL,
    PRIMARY KEY (member_id, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What has been counted already, so a delivery that arrives twice counts once (post:12, answer:40, upheld:9).
CREATE TABLE badge_facts (
    member_id BIGINT      NOT NULL,
    fact      VARCHAR(40) NOT NULL,
    PRIMARY KEY (member_id, fact)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Likes a post received that count for badges (the giver's daily cap applied).
CREATE TABLE badge_post_likes (
    post_id     BIGINT      NOT NULL,
    giver_id    BIGINT      NOT NULL,
    receiver_id BIGINT      NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (post_id, giver_id),
    INDEX ix_badge_post_likes_giver (giver_id),
    INDEX ix_badge_post_likes_time (created_at, receiver_id) -- the console's unusual jumps
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Flags raised, remembered until a moderator decides on the post (for "helpful flagger").
CREATE TABLE badge_flags (
    post_id   BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    PRIMARY KEY (post_id, member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The built-in badges. Events and the guidelines page do not exist yet: their badges wait, disabled.
INSERT INTO badges (slug, name_en, name_fr, description_en, description_fr, icon, tier, badge_group, multiple, enabled,
                    allow_title, rule_key, threshold, created_at, updated_at) VALUES
    ('first-post', 'First post', 'Premier message', 'Published a first thread or reply.', 'A publié un premier sujet ou une première réponse.', 'pencil', 'BRONZE', 'GETTING_STARTED', FALSE, TRUE, FALSE, 'POSTS', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('prolific', 'Prolific', 'Prolifique', 'Published 100 threads and replies.', 'A publié 100 sujets et réponses.', 'stack', 'SILVER', 'CONTRIBUTION', FALSE, TRUE, FALSE, 'POSTS', 100, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('first-reply-liked', 'First like', 'Premier j’aime', 'Wrote a reply that another member liked.', 'A écrit une réponse qu’un autre membre a aimée.', 'thumbs-up', 'BRONZE', 'GETTING_STARTED', FALSE, TRUE, FALSE, 'REPLY_LIKES', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('nice-reply', 'Nice reply', 'Belle réponse', 'Wrote a reply that 10 members liked.', 'A écrit une réponse que 10 membres ont aimée.', 'sparkles', 'SILVER', 'CONTRIBUTION', TRUE, TRUE, FALSE, 'REPLY_LIKES', 10, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('great-reply', 'Great reply', 'Excellente réponse', 'Wrote a reply that 25 members liked.', 'A écrit une réponse que 25 membres ont aimée.', 'trophy', 'GOLD', 'CONTRIBUTION', TRUE, TRUE, FALSE, 'REPLY_LIKES', 25, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('good-thread', 'Good thread', 'Bon sujet', 'Started a thread whose first post 25 members liked.', 'A lancé un sujet dont le premier message a plu à 25 membres.', 'flame', 'SILVER', 'CONTRIBUTION', TRUE, TRUE, FALSE, 'THREAD_LIKES', 25, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('great-thread', 'Great thread', 'Sujet remarquable', 'Started a thread whose first post 100 members liked.', 'A lancé un sujet dont le premier message a plu à 100 membres.', 'rocket', 'GOLD', 'CONTRIBUTION', TRUE, TRUE, FALSE, 'THREAD_LIKES', 100, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('solved', 'Solved', 'Résolu', 'Had an answer accepted.', 'A vu une de ses réponses acceptée.', 'check', 'BRONZE', 'CONTRIBUTION', FALSE, TRUE, FALSE, 'ACCEPTED_ANSWERS', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('helper', 'Helper', 'Entraidant', 'Had 10 answers accepted.', 'A vu 10 de ses réponses acceptées.', 'lifebuoy', 'SILVER', 'CONTRIBUTION', FALSE, TRUE, TRUE, 'ACCEPTED_ANSWERS', 10, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('expert', 'Expert', 'Expert', 'Had 50 answers accepted.', 'A vu 50 de ses réponses acceptées.', 'star', 'GOLD', 'CONTRIBUTION', FALSE, TRUE, TRUE, 'ACCEPTED_ANSWERS', 50, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('guru', 'Guru', 'Gourou', 'Had 250 answers accepted.', 'A vu 250 de ses réponses acceptées.', 'crown', 'GOLD', 'CONTRIBUTION', FALSE, TRUE, TRUE, 'ACCEPTED_ANSWERS', 250, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('appreciated', 'Appreciated', 'Apprécié', 'Liked by 10 different members.', 'Aimé par 10 membres différents.', 'heart', 'BRONZE', 'COMMUNITY', FALSE, TRUE, FALSE, 'LIKERS', 10, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('popular', 'Popular', 'Populaire', 'Liked by 100 different members.', 'Aimé par 100 membres différents.', 'hearts', 'SILVER', 'COMMUNITY', FALSE, TRUE, TRUE, 'LIKERS', 100, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('beloved', 'Beloved', 'Adoré', 'Liked by 1,000 different members.', 'Aimé par 1 000 membres différents.', 'gem', 'GOLD', 'COMMUNITY', FALSE, TRUE, TRUE, 'LIKERS', 1000, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('welcome', 'Welcome', 'Bienvenue', 'Replied to a newcomer’s first thread, and another member liked the reply.', 'A répondu au premier sujet d’un nouveau membre, et un autre membre a aimé la réponse.', 'wave', 'BRONZE', 'COMMUNITY', TRUE, TRUE, FALSE, 'WELCOME', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('conversation-starter', 'Conversation starter', 'Lanceur de discussions', 'Started 5 threads that other members replied to.', 'A lancé 5 sujets auxquels d’autres membres ont répondu.', 'chat', 'BRONZE', 'CONTRIBUTION', FALSE, TRUE, FALSE, 'THREADS_ANSWERED', 5, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('discussion-leader', 'Discussion leader', 'Animateur', 'Started 25 threads that other members replied to.', 'A lancé 25 sujets auxquels d’autres membres ont répondu.', 'megaphone', 'SILVER', 'CONTRIBUTION', FALSE, TRUE, TRUE, 'THREADS_ANSWERED', 25, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('regular', 'Regular', 'Habitué', 'Visited on 50 of the last 100 days.', 'Est venu 50 jours sur les 100 derniers.', 'calendar', 'SILVER', 'COMMUNITY', FALSE, TRUE, TRUE, 'VISIT_DAYS', 50, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('anniversary', 'Anniversary', 'Anniversaire', 'A member for another year, and posted during it.', 'Membre depuis un an de plus, et actif pendant cette année.', 'cake', 'SILVER', 'COMMUNITY', TRUE, TRUE, FALSE, 'ANNIVERSARY', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('helpful-flagger', 'Helpful flagger', 'Vigilant', 'Raised 5 flags that moderators upheld.', 'A fait 5 signalements confirmés par les modérateurs.', 'flag', 'BRONZE', 'COMMUNITY', FALSE, TRUE, FALSE, 'FLAGS_UPHELD', 5, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('profile-completed', 'Profile completed', 'Profil complet', 'Chose a display name and wrote a bio.', 'A choisi un nom affiché et écrit une présentation.', 'id-card', 'BRONZE', 'GETTING_STARTED', FALSE, TRUE, FALSE, 'PROFILE', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('first-event', 'First event', 'Premier événement', 'Attended a first event or webinar.', 'A participé à un premier événement ou webinaire.', 'ticket', 'BRONZE', 'EVENTS', FALSE, FALSE, FALSE, 'EVENTS_ATTENDED', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('event-regular', 'Event regular', 'Fidèle des événements', 'Attended 5 events or webinars.', 'A participé à 5 événements ou webinaires.', 'tickets', 'SILVER', 'EVENTS', FALSE, FALSE, FALSE, 'EVENTS_ATTENDED', 5, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('guidelines', 'Read the guidelines', 'Charte lue', 'Read the community guidelines to the end.', 'A lu la charte de la communauté jusqu’au bout.', 'book', 'BRONZE', 'GETTING_STARTED', FALSE, FALSE, FALSE, 'GUIDELINES', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
    ('ambassador', 'Brand ambassador', 'Ambassadeur', 'Recognised by the team for speaking up for the community.', 'Distingué par l’équipe pour son engagement envers la communauté.', 'medal', 'GOLD', 'STAFF', FALSE, TRUE, TRUE, NULL, 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));

-- A backfill: the rule of one badge run over every member, in chunks of member ids, with its progress.
CREATE TABLE badge_backfills (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    badge_id    BIGINT      NOT NULL,
    started_by  BIGINT      NULL,
    next_id     BIGINT      NOT NULL DEFAULT 0, -- members with a greater id are still to look at
    max_id      BIGINT      NOT NULL,           -- the last member id when it started
    done        INT         NOT NULL DEFAULT 0, -- members looked at
    total       INT         NOT NULL,
    granted     INT         NOT NULL DEFAULT 0,
    started_at  DATETIME(6) NOT NULL,
    updated_at  DATETIME(6) NOT NULL,
    finished_at DATETIME(6) NULL,
    CONSTRAINT fk_badge_backfills_badge FOREIGN KEY (badge_id) REFERENCES badges (id) ON DELETE CASCADE,
    INDEX ix_badge_backfills_badge (badge_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Points for the leaderboard, per member and day (the week, month and year sum them).
CREATE TABLE badge_points (
    member_id BIGINT NOT NULL,
    day       DATE   NOT NULL,
    points    INT    NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, day),
    INDEX ix_badge_points_day (day, member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How the leaderboard counts (one row).
CREATE TABLE badge_settings (
    id                 TINYINT NOT NULL PRIMARY KEY,
    points_post        INT     NOT NULL DEFAULT 1,
    points_like        INT     NOT NULL DEFAULT 2,
    points_answer      INT     NOT NULL DEFAULT 10,
    staff_on_board     BOOLEAN NOT NULL DEFAULT FALSE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO badge_settings (id) VALUES (1);

-- Trust levels 0-4. Level 1 keeps the old rule (approved posts reach the site's threshold, checked live); levels 2
-- and 3 follow activity; staff are 4. A locked level is changed by staff only; level 3 is lost only after a grace
-- period that starts when a member falls below it (trust_below_since).
ALTER TABLE members ADD COLUMN trust_level TINYINT NOT NULL DEFAULT 0,
    ADD COLUMN trust_locked BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN trust_below_since DATETIME(6) NULL,
    ADD INDEX ix_members_trust (trust_level);
UPDATE members SET trust_level = 4 WHERE role <> 'MEMBER';
UPDATE members SET trust_level = 1 WHERE role = 'MEMBER'
    AND approved_posts >= COALESCE((SELECT trusted_after_posts FROM site_settings WHERE id = 1), 3);

-- What levels 2 and 3 ask for (level 1: the site's "trusted after N approved posts").
CREATE TABLE trust_settings (
    id                  TINYINT NOT NULL PRIMARY KEY,
    tl2_days            INT     NOT NULL DEFAULT 15, -- days visited
    tl2_replies         INT     NOT NULL DEFAULT 3,
    tl2_likes_given     INT     NOT NULL DEFAULT 1,
    tl2_likers          INT     NOT NULL DEFAULT 1,  -- distinct members who liked their posts
    tl3_days            INT     NOT NULL DEFAULT 50, -- days visited among the last 100
    tl3_replies         INT     NOT NULL DEFAULT 10,
    tl3_likes_given     INT     NOT NULL DEFAULT 30,
    tl3_likers          INT     NOT NULL DEFAULT 20,
    tl3_flags_against   INT     NOT NULL DEFAULT 0,  -- at most this many upheld flags on their posts (100 days)
    grace_days          INT     NOT NULL DEFAULT 14
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO trust_settings (id) VALUES (1);

-- Upheld flags against a member's posts, by day (level 3 asks for a clean record).
CREATE TABLE badge_flags_against (
    member_id BIGINT      NOT NULL,
    post_id   BIGINT      NOT NULL,
    day       DATE        NOT NULL,
    PRIMARY KEY (member_id, post_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The ledger starts from the forum's history, so members keep what they did before badges existed, and a later
-- event about an old post counts nothing twice.
INSERT INTO badge_facts (member_id, fact)
    SELECT author_id, CONCAT('post:', id) FROM posts WHERE deleted_at IS NULL;
INSERT IGNORE INTO badge_facts (member_id, fact)
    SELECT p.author_id, CONCAT('answer:', p.id) FROM threads t JOIN posts p ON p.id = t.accepted_post_id;
INSERT IGNORE INTO badge_facts (member_id, fact)
    SELECT t.author_id, CONCAT('answered:', t.id) FROM threads t
    WHERE EXISTS (SELECT 1 FROM posts p WHERE p.thread_id = t.id AND p.author_id <> t.author_id);
INSERT IGNORE INTO badge_post_likes (post_id, giver_id, receiver_id, created_at)
    SELECT r.post_id, r.member_id, p.author_id, r.created_at FROM reactions r JOIN posts p ON p.id = r.post_id
    WHERE r.kind = 'like' AND r.member_id <> p.author_id;
INSERT IGNORE INTO badge_likers (receiver_id, giver_id, created_at)
    SELECT p.author_id, r.member_id, MIN(r.created_at) FROM reactions r JOIN posts p ON p.id = r.post_id
    WHERE r.kind = 'like' AND r.member_id <> p.author_id GROUP BY p.author_id, r.member_id;

INSERT INTO badge_member_stats (member_id, posts, replies, first_post_id)
    SELECT author_id, COUNT(*), SUM(position > 1), MIN(id) FROM posts WHERE deleted_at IS NULL GROUP BY author_id;
INSERT INTO badge_member_stats (member_id, accepted_answers)
    SELECT member_id, COUNT(*) FROM badge_facts WHERE fact LIKE 'answer:%' GROUP BY member_id
    ON DUPLICATE KEY UPDATE accepted_answers = VALUES(accepted_answers);
INSERT INTO badge_member_stats (member_id, threads_answered_by_others)
    SELECT member_id, COUNT(*) FROM badge_facts WHERE fact LIKE 'answered:%' GROUP BY member_id
    ON DUPLICATE KEY UPDATE threads_answered_by_others = VALUES(threads_answered_by_others);
INSERT INTO badge_member_stats (member_id, likers)
    SELECT receiver_id, COUNT(*) FROM badge_likers GROUP BY receiver_id
    ON DUPLICATE KEY UPDATE likers = VALUES(likers);

-- Then the built-in badges those numbers earn are granted by backfills (one grouped notification per member).
INSERT INTO badge_backfills (badge_id, started_by, next_id, max_id, total, started_at, updated_at)
    SELECT b.id, NULL, 0, (SELECT COALESCE(MAX(id), 0) FROM members), (SELECT COUNT(*) FROM members),
           UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
    FROM badges b WHERE b.enabled AND b.rule_key IN ('POSTS', 'ACCEPTED_ANSWERS', 'LIKERS', 'THREADS_ANSWERED')
      AND EXISTS (SELECT 1 FROM members);
INSERT INTO jobs (kind, lane, payload, run_at, created_at)
    SELECT 'badges.backfill', 'default', CAST(id AS CHAR), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM badge_backfills;

-- The badge a member shows as a title next to their name (one they hold that allows it).
CREATE TABLE badge_titles (
    member_id BIGINT NOT NULL PRIMARY KEY,
    badge_id  BIGINT NOT NULL,
    CONSTRAINT fk_badge_titles_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_badge_titles_badge FOREIGN KEY (badge_id) REFERENCES badges (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
