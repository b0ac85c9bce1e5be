-- Access Links schema, version 8: the sender's display name and the language of each link, and
-- each organization's default language. One script for PostgreSQL, MariaDB and H2 (plain ADD
-- COLUMN, no placeholders needed).
--
-- Existing links keep working: they have no sender name (messages and the visitor page then name
-- the organization alone) and are in English, as every link was before; existing organizations
-- default to English.
ALTER TABLE al_link ADD COLUMN issuer_name VARCHAR(800);
ALTER TABLE al_link ADD COLUMN link_language VARCHAR(35) DEFAULT 'en' NOT NULL;
ALTER TABLE al_organization ADD COLUMN default_language VARCHAR(35) DEFAULT 'en' NOT NULL;
