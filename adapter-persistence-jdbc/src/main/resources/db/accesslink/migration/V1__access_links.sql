-- Access Links schema, version 1. One script for PostgreSQL, MariaDB and H2.
-- Placeholders (set by JdbcAccessLinkPersistence.migrate(), see docs/persistence.md):
--   ${al_table_options}  MariaDB: ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin; others: empty
--   ${al_identity}       an auto-generated BIGINT primary key column definition
-- Instants are BIGINT microseconds since the epoch (UTC), identical on every database.
-- Links have no foreign keys to groups or organizations: a product may bring its own directory.

CREATE TABLE al_organization (
  id            VARCHAR(128)  NOT NULL,
  display_name  VARCHAR(400)  NOT NULL,
  zone_id       VARCHAR(64)   NOT NULL,
  email_limit   BIGINT        NOT NULL,
  sms_limit     BIGINT        NOT NULL,
  manual_limit  BIGINT        NOT NULL,
  link_base_url VARCHAR(2000) NOT NULL,
  CONSTRAINT al_organization_pk PRIMARY KEY (id)
) ${al_table_options};

CREATE TABLE al_group (
  organization VARCHAR(128) NOT NULL,
  id           VARCHAR(128) NOT NULL,
  name         VARCHAR(400) NOT NULL,
  CONSTRAINT al_group_pk PRIMARY KEY (organization, id)
) ${al_table_options};

CREATE TABLE al_door (
  organization VARCHAR(128) NOT NULL,
  id           VARCHAR(128) NOT NULL,
  name         VARCHAR(400) NOT NULL,
  CONSTRAINT al_door_pk PRIMARY KEY (organization, id)
) ${al_table_options};

CREATE TABLE al_group_door (
  organization VARCHAR(128) NOT NULL,
  group_id     VARCHAR(128) NOT NULL,
  door_id      VARCHAR(128) NOT NULL,
  door_order   INT          NOT NULL,
  CONSTRAINT al_group_door_pk PRIMARY KEY (organization, group_id, door_id),
  CONSTRAINT al_group_door_group_fk FOREIGN KEY (organization, group_id) REFERENCES al_group (organization, id),
  CONSTRAINT al_group_door_door_fk FOREIGN KEY (organization, door_id) REFERENCES al_door (organization, id)
) ${al_table_options};

CREATE TABLE al_link (
  id                VARCHAR(36)  NOT NULL,  -- UUIDv7, lower-case text: sorts by creation time
  organization      VARCHAR(128) NOT NULL,
  channel           VARCHAR(16)  NOT NULL,
  recipient_name    VARCHAR(400) NOT NULL,
  recipient_address VARCHAR(400),
  group_id          VARCHAR(128) NOT NULL,
  valid_from        BIGINT,
  valid_until       BIGINT,
  issued_by         VARCHAR(128) NOT NULL,
  created_at        BIGINT       NOT NULL,
  secret_hash       CHAR(64),              -- SHA-256 of the current secret, hex; NULL until delivered
  quota_month       INT          NOT NULL, -- 0 for a live-links quota, yyyymm for a monthly one
  quota_held        SMALLINT     NOT NULL, -- 1 while the link holds a unit of its quota counter
  delivery_status   VARCHAR(16)  NOT NULL,
  attempts          INT          NOT NULL,
  last_attempt_at   BIGINT,
  last_error        VARCHAR(500),
  next_attempt_at   BIGINT,                -- outbox: when a PENDING delivery is due
  claim_token       VARCHAR(36),           -- outbox: the current claim, NULL when unclaimed
  lease_until       BIGINT,                -- outbox: when the current claim expires
  revoked_at        BIGINT,
  revocation_reason VARCHAR(32),
  revoked_by        VARCHAR(128),
  last_used_at      BIGINT,
  CONSTRAINT al_link_pk PRIMARY KEY (id),
  CONSTRAINT al_link_secret_hash_uk UNIQUE (secret_hash)
) ${al_table_options};

-- keyset pagination, newest first, per organization
CREATE INDEX al_link_org_id_ix ON al_link (organization, id);
-- live-quota counting and reclaiming of ended windows
CREATE INDEX al_link_quota_ix ON al_link (organization, channel, quota_held, valid_until);
-- outbox: due pending deliveries
CREATE INDEX al_link_outbox_ix ON al_link (delivery_status, next_attempt_at);

-- One row per quota counter; "used" is changed only by conditional updates in the same
-- transaction as the link rows whose quota_held flag it counts.
CREATE TABLE al_quota_counter (
  organization VARCHAR(128) NOT NULL,
  channel      VARCHAR(16)  NOT NULL,
  quota_month  INT          NOT NULL,
  used         BIGINT       NOT NULL,
  CONSTRAINT al_quota_counter_pk PRIMARY KEY (organization, channel, quota_month)
) ${al_table_options};

CREATE TABLE al_event (
  seq          ${al_identity},
  id           VARCHAR(36)  NOT NULL,
  organization VARCHAR(128) NOT NULL,
  occurred_at  BIGINT       NOT NULL,
  event_type   VARCHAR(32)  NOT NULL,
  actor_kind   VARCHAR(16)  NOT NULL,
  actor_name   VARCHAR(400) NOT NULL,
  link_id      VARCHAR(36),
  door_id      VARCHAR(128),
  detail       VARCHAR(500),
  CONSTRAINT al_event_id_uk UNIQUE (id)
) ${al_table_options};

CREATE INDEX al_event_org_seq_ix ON al_event (organization, seq);
