-- Access Links schema, version 5: link rules beyond the window (use limit, countdown after the
-- first use, weekly schedule), doors closed to access links, and the organization's link policy.
-- One script for PostgreSQL, MariaDB and H2, with the placeholders of V1 (see docs/persistence.md).
-- Existing rows get the values of "no rule": NULL limits, no schedule, no use taken, every door
-- open to links, no policy.

-- The rules of a link, fixed when it is sent.
ALTER TABLE al_link ADD max_uses INT;                -- NULL: no use limit
ALTER TABLE al_link ADD active_minutes INT;          -- NULL: no countdown after the first use
ALTER TABLE al_link ADD schedule_slots VARCHAR(2000); -- NULL: any time; else "MON,TUE 08:00-18:00;SAT 22:00-06:00"
-- The uses taken (before the door command, given back when it did not open) by links with a use
-- limit or a countdown; changed only by conditional single-row updates, which makes the limit exact.
ALTER TABLE al_link ADD uses_taken INT DEFAULT 0 NOT NULL;
ALTER TABLE al_link ADD first_used_at BIGINT;        -- when the first of them was taken

-- 0: the organization closed the door to access links (every link is refused there).
ALTER TABLE al_door ADD link_access SMALLINT DEFAULT 1 NOT NULL;

-- The organization's link policy: NULL for no longest validity; 1 when every link needs an end.
ALTER TABLE al_organization ADD max_validity_days INT;
ALTER TABLE al_organization ADD require_expiry SMALLINT DEFAULT 0 NOT NULL;
