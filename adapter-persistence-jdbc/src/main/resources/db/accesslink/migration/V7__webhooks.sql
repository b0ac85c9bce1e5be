-- Access Links schema, version 7: webhooks (events out). One script for PostgreSQL, MariaDB and H2,
-- with the placeholders of V1 (see docs/persistence.md and docs/webhooks.md).
--
-- The audit log is the webhooks' outbox: each event row carries "announce" = 1 from its insert
-- (the column default, so every existing insert of an event, in the same transaction as the
-- change it records, also durably marks it for announcement), and the webhook dispatcher turns
-- marked events into deliveries, one per subscribed endpoint, setting "announce" to 0 in the same
-- transaction. Events that existed before this version are not announced (0).
ALTER TABLE al_event ADD COLUMN announce SMALLINT DEFAULT 0 NOT NULL;
ALTER TABLE al_event ALTER COLUMN announce SET DEFAULT 1;
CREATE INDEX al_event_announce_ix ON al_event (announce, seq);

CREATE TABLE al_webhook_endpoint (
  id              VARCHAR(36)   NOT NULL,
  organization    VARCHAR(128)  NOT NULL,
  url             VARCHAR(2000) NOT NULL,
  events          VARCHAR(1000) NOT NULL,  -- subscribed wire names, comma-separated
  secret          VARCHAR(1000) NOT NULL,  -- the signing secret, sealed (never in clear)
  previous_secret VARCHAR(1000),           -- the one before a rotation, sealed
  previous_until  BIGINT,                  -- until when the previous one is still used
  created_at      BIGINT        NOT NULL,
  created_by      VARCHAR(128)  NOT NULL,
  disabled_at     BIGINT,                  -- set when its deliveries kept failing
  CONSTRAINT al_webhook_endpoint_pk PRIMARY KEY (id)
) ${al_table_options};

CREATE INDEX al_webhook_endpoint_org_ix ON al_webhook_endpoint (organization, created_at);

-- One row per (endpoint, audit event type it announces): what the announcement joins on.
CREATE TABLE al_webhook_subscription (
  organization VARCHAR(128) NOT NULL,
  event_type   VARCHAR(32)  NOT NULL,
  endpoint_id  VARCHAR(36)  NOT NULL,
  CONSTRAINT al_webhook_subscription_pk PRIMARY KEY (organization, event_type, endpoint_id)
) ${al_table_options};

-- One row per (endpoint, event): the delivery, claimed with a lease like a link's delivery.
CREATE TABLE al_webhook_delivery (
  seq             ${al_identity},
  endpoint_id     VARCHAR(36)  NOT NULL,
  event_id        VARCHAR(36)  NOT NULL,  -- al_event.id, sent as webhook-id
  event_seq       BIGINT       NOT NULL,  -- al_event.seq: the order of one link's deliveries
  organization    VARCHAR(128) NOT NULL,
  order_key       VARCHAR(36)  NOT NULL,  -- the link id, or the event id for events without a link
  status          VARCHAR(16)  NOT NULL,  -- PENDING, DELIVERED, FAILED
  attempts        INT          NOT NULL,
  queued_at       BIGINT       NOT NULL,  -- the event's instant; retries end a retry period after it
  next_attempt_at BIGINT,
  claim_token     VARCHAR(36),
  lease_until     BIGINT,
  last_attempt_at BIGINT,
  last_status     INT,
  last_error      VARCHAR(500),
  CONSTRAINT al_webhook_delivery_uk UNIQUE (endpoint_id, event_id)
) ${al_table_options};

CREATE INDEX al_webhook_delivery_due_ix ON al_webhook_delivery (status, next_attempt_at);
CREATE INDEX al_webhook_delivery_order_ix ON al_webhook_delivery (endpoint_id, order_key, status, event_seq);
CREATE INDEX al_webhook_delivery_token_ix ON al_webhook_delivery (claim_token);
CREATE INDEX al_webhook_delivery_log_ix ON al_webhook_delivery (endpoint_id, seq);

-- Where the sweep of ended windows (LINK_EXPIRED events) stands: (valid_until, link id).
CREATE TABLE al_webhook_cursor (
  name        VARCHAR(64) NOT NULL,
  position_at BIGINT      NOT NULL,
  position_id VARCHAR(36) NOT NULL,
  CONSTRAINT al_webhook_cursor_pk PRIMARY KEY (name)
) ${al_table_options};

CREATE INDEX al_link_valid_until_ix ON al_link (valid_until, id);
