-- Categories written in both languages: a name and description per language, shown in the reader's language;
-- the plain name and description are the fallback (the site's first language).
ALTER TABLE categories
    ADD COLUMN name_fr        VARCHAR(80)  NULL,
    ADD COLUMN name_en        VARCHAR(80)  NULL,
    ADD COLUMN description_fr VARCHAR(500) NULL,
    ADD COLUMN description_en VARCHAR(500) NULL;
