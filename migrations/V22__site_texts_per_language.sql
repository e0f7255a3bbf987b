-- The site's name and description written per language; the plain ones are the fallback.
ALTER TABLE site_settings
    ADD COLUMN name_fr        VARCHAR(80)  NOT NULL DEFAULT '',
    ADD COLUMN name_en        VARCHAR(80)  NOT NULL DEFAULT '',
    ADD COLUMN description_fr VARCHAR(500) NOT NULL DEFAULT '',
    ADD COLUMN description_en VARCHAR(500) NOT NULL DEFAULT '';
