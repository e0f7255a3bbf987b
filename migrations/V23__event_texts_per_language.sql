-- Events written in both languages: a title and description per language, shown in the reader's language (mails and
-- calendar invitations in the recipient's); the plain title and description are the fallback.
ALTER TABLE events
    ADD COLUMN title_fr              VARCHAR(200) NULL,
    ADD COLUMN title_en              VARCHAR(200) NULL,
    ADD COLUMN description_source_fr MEDIUMTEXT   NULL,
    ADD COLUMN description_source_en MEDIUMTEXT   NULL,
    ADD COLUMN description_html_fr   MEDIUMTEXT   NULL,
    ADD COLUMN description_html_en   MEDIUMTEXT   NULL;
