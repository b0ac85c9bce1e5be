-- Access Links schema, version 6: safe retries and external references (issue 16, items 4 and 5).
-- One script for PostgreSQL, MariaDB and H2, with the placeholders of V1 (see docs/persistence.md).
-- Existing links keep working: they have no external reference and no idempotency key.

-- The caller's own reference for a link (a booking id): at most 100 code points, which are at most
-- 200 UTF-16 units (H2 counts those); listed by exact match, newest first, per organization.
ALTER TABLE al_link ADD COLUMN external_ref VARCHAR(200);
CREATE INDEX al_link_org_ref_ix ON al_link (organization, external_ref, id);

-- One row per idempotency key an organization's send stored, inserted in the same transaction as
-- the link: the primary key makes a racing twin wait for the first insert and then find its link.
-- Neither the key nor the request is stored in clear: the key as its SHA-256, the request as the
-- core's fingerprint (SHA-256). A row is held until kept_until (exclusive); after that the key is
-- free (the next insert with it replaces the row) and the dispatcher's pass deletes it.
CREATE TABLE al_idempotency_key (
  organization VARCHAR(128) NOT NULL,
  key_hash     CHAR(64)     NOT NULL,  -- SHA-256 of the key (UTF-8), hex
  fingerprint  CHAR(64)     NOT NULL,  -- SHA-256 of the request, hex
  link_id      VARCHAR(36)  NOT NULL,
  kept_until   BIGINT       NOT NULL,
  CONSTRAINT al_idempotency_key_pk PRIMARY KEY (organization, key_hash)
) ${al_table_options};

-- purging: the keys past their retention
CREATE INDEX al_idempotency_key_kept_ix ON al_idempotency_key (kept_until);
