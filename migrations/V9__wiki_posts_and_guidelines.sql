-- Wiki posts: a post that members from trust level 2 may edit, like a shared page (a how-to, a FAQ kept up to date).
-- Staff make any post a wiki; a member at level 3 makes their own. Each edit is kept as a revision, as for any post.
ALTER TABLE posts ADD COLUMN wiki BOOLEAN NOT NULL DEFAULT FALSE;

-- The community guidelines, one text per language, edited by admins in the console (Markdown, rendered and
-- sanitized like posts). Members who read them to the end are remembered once (the "Read the guidelines" badge).
CREATE TABLE guidelines (
    language    VARCHAR(2)   NOT NULL PRIMARY KEY,
    body_source MEDIUMTEXT   NOT NULL,
    body_html   MEDIUMTEXT   NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    updated_by  BIGINT       NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO guidelines (language, body_source, body_html, updated_at) VALUES
('en', '## Welcome\n\nThis is a place to help each other and talk about what we make. A few rules keep it useful and kind.\n\n## Be kind\n\nCriticise ideas, not people. No insults, harassment or discrimination.\n\n## Stay on topic\n\nPost in the category that fits, search before asking, and give your thread a title that says what it is about.\n\n## Help others find answers\n\nWhen a reply solves your question, mark it as the answer. Like the posts that helped you.\n\n## Keep it safe\n\nNo spam, no advertising, no personal data of others. Flag what breaks these rules: moderators look at every flag.\n\nThank you for reading to the end.',
 '<h2>Welcome</h2>\n<p>This is a place to help each other and talk about what we make. A few rules keep it useful and kind.</p>\n<h2>Be kind</h2>\n<p>Criticise ideas, not people. No insults, harassment or discrimination.</p>\n<h2>Stay on topic</h2>\n<p>Post in the category that fits, search before asking, and give your thread a title that says what it is about.</p>\n<h2>Help others find answers</h2>\n<p>When a reply solves your question, mark it as the answer. Like the posts that helped you.</p>\n<h2>Keep it safe</h2>\n<p>No spam, no advertising, no personal data of others. Flag what breaks these rules: moderators look at every flag.</p>\n<p>Thank you for reading to the end.</p>\n',
 UTC_TIMESTAMP(6)),
('fr', '## Bienvenue\n\nIci, on s’entraide et on parle de ce que nous faisons. Quelques règles gardent cet espace utile et bienveillant.\n\n## Soyez bienveillant\n\nCritiquez les idées, pas les personnes. Ni insulte, ni harcèlement, ni discrimination.\n\n## Restez dans le sujet\n\nPubliez dans la bonne catégorie, cherchez avant de demander, et donnez à votre sujet un titre qui dit de quoi il parle.\n\n## Aidez les autres à trouver les réponses\n\nQuand une réponse règle votre question, marquez-la comme la réponse. Aimez les messages qui vous ont aidé.\n\n## Gardez cet espace sûr\n\nNi spam, ni publicité, ni données personnelles d’autrui. Signalez ce qui enfreint ces règles : les modérateurs examinent chaque signalement.\n\nMerci d’avoir lu jusqu’au bout.',
 '<h2>Bienvenue</h2>\n<p>Ici, on s’entraide et on parle de ce que nous faisons. Quelques règles gardent cet espace utile et bienveillant.</p>\n<h2>Soyez bienveillant</h2>\n<p>Critiquez les idées, pas les personnes. Ni insulte, ni harcèlement, ni discrimination.</p>\n<h2>Restez dans le sujet</h2>\n<p>Publiez dans la bonne catégorie, cherchez avant de demander, et donnez à votre sujet un titre qui dit de quoi il parle.</p>\n<h2>Aidez les autres à trouver les réponses</h2>\n<p>Quand une réponse règle votre question, marquez-la comme la réponse. Aimez les messages qui vous ont aidé.</p>\n<h2>Gardez cet espace sûr</h2>\n<p>Ni spam, ni publicité, ni données personnelles d’autrui. Signalez ce qui enfreint ces règles : les modérateurs examinent chaque signalement.</p>\n<p>Merci d’avoir lu jusqu’au bout.</p>\n',
 UTC_TIMESTAMP(6));

CREATE TABLE guidelines_reads (
    member_id BIGINT      NOT NULL PRIMARY KEY,
    read_at   DATETIME(6) NOT NULL,
    CONSTRAINT fk_guidelines_reads_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The guidelines page exists now: its badge is earned from here on.
UPDATE badges SET enabled = TRUE, updated_at = UTC_TIMESTAMP(6) WHERE slug = 'guidelines';
