-- Access Links schema, version 10: on PostgreSQL, the indexes over columns that most links leave
-- NULL cover only the rows that have a value (partial indexes), so a link that has none (a MANUAL
-- link without an end, an external reference or a pending delivery: the common create) writes 4
-- index entries instead of 7; the audit log's announcement index keeps only the events not yet
-- announced. Every query that used these indexes still can: each has a condition on the column
-- that implies the index's predicate (a comparison is never true on NULL), and reads the same rows.
-- Counted with EXPLAIN (ANALYZE, BUFFERS, WAL): see the benchmarks' analysis.md.
--
-- MariaDB and H2 have no partial indexes: there the placeholders turn the statements below into one
-- comment and the version changes nothing (see docs/persistence.md):
--   al_postgresql_only_begin  PostgreSQL: empty; MariaDB, H2: the start of a block comment
--   al_postgresql_only_end    PostgreSQL: empty; MariaDB, H2: its end
--
-- The indexes are replaced in the migration's transaction: a running instance of an earlier version
-- keeps working (its queries are the same); its statements on al_link and al_event wait while the
-- indexes are built.

${al_postgresql_only_begin}
-- outbox: due pending deliveries (a delivered, failed or MANUAL link has no next attempt)
DROP INDEX al_link_outbox_ix;
CREATE INDEX al_link_outbox_ix ON al_link (delivery_status, next_attempt_at) WHERE next_attempt_at IS NOT NULL;

-- listing by external reference: only links that have one
DROP INDEX al_link_org_ref_ix;
CREATE INDEX al_link_org_ref_ix ON al_link (organization, external_ref, id) WHERE external_ref IS NOT NULL;

-- the sweep of ended windows (LINK_EXPIRED events): only links whose window ends
DROP INDEX al_link_valid_until_ix;
CREATE INDEX al_link_valid_until_ix ON al_link (valid_until, id) WHERE valid_until IS NOT NULL;

-- webhooks: the events still to announce, in order
DROP INDEX al_event_announce_ix;
CREATE INDEX al_event_announce_ix ON al_event (seq) WHERE announce = 1;
${al_postgresql_only_end}

-- every database runs one statement, so that the version is recorded the same way everywhere
SELECT 1 FROM al_link WHERE 1 = 0;
