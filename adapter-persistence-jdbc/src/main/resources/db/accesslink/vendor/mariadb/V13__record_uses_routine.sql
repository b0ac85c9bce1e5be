-- Access Links schema, version 13, MariaDB only (db/accesslink/vendor/mariadb, run after the shared
-- scripts of db/accesslink/migration; PostgreSQL and H2 have no version 13 of their own).
--
-- The unlocks' background bookkeeping as a stored procedure: a batch of opened doors' last uses,
-- their DOOR_UNLOCKED events and the deletion of their settled unlock intents in one transaction with
-- one commit, the work the adapter otherwise sends as a client-side transaction of seven round trips
-- or more (auto-commit off, isolation, one UPDATE per link, the events, one DELETE per intent,
-- COMMIT, auto-commit on). PostgreSQL runs the same batch as one statement over arrays; MariaDB has
-- no arrays, so the rows come as three JSON arrays read with JSON_TABLE (MariaDB 10.6+, which the
-- adapter needs anyway for SKIP LOCKED):
--   p_uses     [[link id, last use in µs], ...]            a link's last use moves forward only
--   p_events   [[id, organization, occurred_at, event_type, actor_kind, actor_name, link_id,
--                door_id, detail], ...]                    appended in array order (their seq)
--   p_settled  [intent id, ...]                            deleted
-- The JSON_TABLE columns of the values are TEXT, wider than the table's, so the INSERT applies the
-- table's own checks (a value too long fails the call, as a plain INSERT fails) instead of
-- JSON_TABLE truncating it; the ids are joined on the primary keys. Any error rolls the whole
-- transaction back and reaches the caller as it was raised (a deadlock: the adapter retries the call).
-- SQL SECURITY INVOKER: the procedure does nothing its caller could not do with plain statements.
DELIMITER //
CREATE PROCEDURE al_record_uses(
    p_uses LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_events LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_settled LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
BEGIN
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
  START TRANSACTION;
  UPDATE JSON_TABLE(p_uses, '$[*]' COLUMNS (
        id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[0]',
        at BIGINT PATH '$[1]')) u
      JOIN al_link l ON l.id = u.id
    SET l.last_used_at = u.at
    WHERE l.last_used_at IS NULL OR l.last_used_at < u.at;
  INSERT INTO al_event (id, organization, occurred_at, event_type, actor_kind, actor_name, link_id, door_id, detail)
    SELECT id, organization, occurred_at, event_type, actor_kind, actor_name, link_id, door_id, detail
    FROM JSON_TABLE(p_events, '$[*]' COLUMNS (
        n FOR ORDINALITY,
        id TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[0]',
        organization TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[1]',
        occurred_at BIGINT PATH '$[2]',
        event_type TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[3]',
        actor_kind TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[4]',
        actor_name TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[5]',
        link_id TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[6]',
        door_id TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[7]',
        detail TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[8]')) e
    ORDER BY n;
  DELETE i FROM JSON_TABLE(p_settled, '$[*]' COLUMNS (
        id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$')) s
      JOIN al_unlock_intent i ON i.id = s.id;
  COMMIT;
END //
DELIMITER ;
