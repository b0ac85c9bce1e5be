-- Access Links schema, version 12, MariaDB only (db/accesslink/vendor/mariadb, run after the shared
-- scripts of db/accesslink/migration; PostgreSQL and H2 have no version 12 of their own).
--
-- The create's fast path as a stored procedure: the quota unit, the link and its LINK_SENT event in
-- one transaction with one commit (one redo log flush), the same steps the adapter otherwise sends
-- as one compound statement (BEGIN NOT ATOMIC ... END) with every create. MariaDB parses and
-- compiles a compound statement sent as text each time; a procedure's body is compiled once per
-- connection (its stored program cache) and each CALL is a short statement: measured on MariaDB
-- 10.11 (MariaDbProfile in the benchmarks), about a quarter less server CPU per create and a third
-- of the bytes sent.
--
-- p_take: how the unit is taken, as the adapter decides from the quota's limit and its stripes
--   0  unlimited: no unit; the link is inserted only while stripe 0 of its counter is not kept
--      (used < 0), under a shared lock on that stripe until the commit
--   1  finite limit, one stripe: a unit from stripe 0
--   2  finite limit, several stripes: a unit from a stripe with room that no one holds, else from
--      a random stripe with room of the statement's snapshot (waiting for its lock)
-- Every unit taken is re-checked on the locked row (used >= 0 AND used < cap AND cap_limit =
-- p_limit): a quota stays exact as with the adapter's other paths. The procedure returns nothing
-- when it inserted the link, and raises SQLSTATE 45AL0 (nothing written) when the adapter's slow path
-- must decide: a result set to say which (SELECT n) cost the server more CPU than the rest of the
-- call's extras over a bare INSERT, and a client round trip's worth of wall time (MariaDbProfile).
-- Any error rolls the whole transaction back and reaches the caller as it was raised.
-- SQL SECURITY INVOKER: the procedure does nothing its caller could not do with plain statements.
-- Strings are utf8mb4_bin like the tables, whatever the database's default character set.
DELIMITER //
CREATE PROCEDURE al_insert_link(
    p_take INT,
    p_id VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_organization VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_channel VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_quota_month INT,
    p_limit BIGINT,
    p_recipient_name VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_recipient_address VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_group_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_valid_from BIGINT,
    p_valid_until BIGINT,
    p_issued_by VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_created_at BIGINT,
    p_secret_hash CHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_delivery_status VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_attempts INT,
    p_last_attempt_at BIGINT,
    p_last_error VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_next_attempt_at BIGINT,
    p_claim_token VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_lease_until BIGINT,
    p_revoked_at BIGINT,
    p_revocation_reason VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_revoked_by VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_last_used_at BIGINT,
    p_max_uses INT,
    p_active_minutes INT,
    p_schedule_slots VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_external_ref VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_issuer_name VARCHAR(800) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    p_link_language VARCHAR(35) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    e_id VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    e_organization VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    e_at BIGINT,
    e_type VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    e_kind VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    e_name VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    e_link VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    e_door VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    e_detail VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
BEGIN
  DECLARE n INT DEFAULT 0;
  DECLARE s INT DEFAULT NULL;
  DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
  START TRANSACTION;
  IF p_take = 0 THEN
    INSERT INTO al_link (id, organization, channel, recipient_name, recipient_address, group_id, valid_from,
        valid_until, issued_by, created_at, secret_hash, quota_month, quota_held, delivery_status, attempts,
        last_attempt_at, last_error, next_attempt_at, claim_token, lease_until, revoked_at, revocation_reason,
        revoked_by, last_used_at, max_uses, active_minutes, schedule_slots, external_ref, issuer_name, link_language)
      SELECT p_id, p_organization, p_channel, p_recipient_name, p_recipient_address, p_group_id, p_valid_from,
        p_valid_until, p_issued_by, p_created_at, p_secret_hash, p_quota_month, 1, p_delivery_status, p_attempts,
        p_last_attempt_at, p_last_error, p_next_attempt_at, p_claim_token, p_lease_until, p_revoked_at,
        p_revocation_reason, p_revoked_by, p_last_used_at, p_max_uses, p_active_minutes, p_schedule_slots,
        p_external_ref, p_issuer_name, p_link_language
      FROM al_quota_stripe
      WHERE organization = p_organization AND channel = p_channel AND quota_month = p_quota_month
        AND stripe = 0 AND used < 0
      LOCK IN SHARE MODE;
    SET n = ROW_COUNT();
  ELSE
    IF p_take = 1 THEN
      SET s = 0;
    ELSE
      SELECT stripe INTO s FROM al_quota_stripe
        WHERE organization = p_organization AND channel = p_channel AND quota_month = p_quota_month
          AND used >= 0 AND used < cap AND cap_limit = p_limit
        ORDER BY stripe LIMIT 1 FOR UPDATE SKIP LOCKED;
      IF s IS NULL THEN
        SELECT stripe INTO s FROM al_quota_stripe
          WHERE organization = p_organization AND channel = p_channel AND quota_month = p_quota_month
            AND used >= 0 AND used < cap AND cap_limit = p_limit
          ORDER BY RAND() LIMIT 1;
      END IF;
    END IF;
    IF s IS NOT NULL THEN
      UPDATE al_quota_stripe SET used = used + 1
        WHERE organization = p_organization AND channel = p_channel AND quota_month = p_quota_month
          AND stripe = s AND used >= 0 AND used < cap AND cap_limit = p_limit;
      SET n = ROW_COUNT();
    END IF;
    IF n = 1 THEN
      INSERT INTO al_link (id, organization, channel, recipient_name, recipient_address, group_id, valid_from,
          valid_until, issued_by, created_at, secret_hash, quota_month, quota_held, delivery_status, attempts,
          last_attempt_at, last_error, next_attempt_at, claim_token, lease_until, revoked_at, revocation_reason,
          revoked_by, last_used_at, max_uses, active_minutes, schedule_slots, external_ref, issuer_name, link_language)
        VALUES (p_id, p_organization, p_channel, p_recipient_name, p_recipient_address, p_group_id, p_valid_from,
          p_valid_until, p_issued_by, p_created_at, p_secret_hash, p_quota_month, 1, p_delivery_status, p_attempts,
          p_last_attempt_at, p_last_error, p_next_attempt_at, p_claim_token, p_lease_until, p_revoked_at,
          p_revocation_reason, p_revoked_by, p_last_used_at, p_max_uses, p_active_minutes, p_schedule_slots,
          p_external_ref, p_issuer_name, p_link_language);
    END IF;
  END IF;
  IF n = 0 THEN
    SIGNAL SQLSTATE '45AL0' SET MESSAGE_TEXT = 'al_insert_link: no unit on the fast path';
  END IF;
  INSERT INTO al_event (id, organization, occurred_at, event_type, actor_kind, actor_name, link_id, door_id, detail)
    VALUES (e_id, e_organization, e_at, e_type, e_kind, e_name, e_link, e_door, e_detail);
  COMMIT;
END //
DELIMITER ;
