-- Access Links schema, version 4: delivery attempts and spent SMS units. One script for
-- PostgreSQL, MariaDB and H2, with the placeholders of V1 (see docs/persistence.md).
--
-- One row per delivery attempt of an EMAIL or SMS link: the hash of the secret it sent, and how it
-- ended. al_link.secret_hash stays the current secret (the unlock path's one indexed lookup); an
-- earlier attempt whose outcome is unknown (a crash or a timeout after the message was handed
-- over) keeps its secret accepted, found here only when al_link has no match.
--   state  STARTED      begun, no outcome recorded (yet)
--          SENT         the provider accepted it (provider_message_id: its id, for reports)
--          REFUSED      the provider refused it for sure: its secret is dead
--          UNKNOWN      it may have reached the recipient: its secret still opens the doors
--          SUPERSEDED   a resend replaced it: its secret is dead
--          UNDELIVERED  a delivery report said it never arrived
CREATE TABLE al_delivery_attempt (
  secret_hash         CHAR(64)     NOT NULL,  -- SHA-256 of the attempt's secret, hex
  link_id             VARCHAR(36)  NOT NULL,
  claim_token         VARCHAR(36),            -- the outbox claim the attempt ran under
  attempt             INT          NOT NULL,  -- its number within the link's current delivery
  state               VARCHAR(16)  NOT NULL,
  provider_message_id VARCHAR(255),
  started_at          BIGINT       NOT NULL,
  ended_at            BIGINT,
  CONSTRAINT al_delivery_attempt_pk PRIMARY KEY (secret_hash)
) ${al_table_options};

CREATE INDEX al_delivery_attempt_link_ix ON al_delivery_attempt (link_id, claim_token);
CREATE INDEX al_delivery_attempt_message_ix ON al_delivery_attempt (provider_message_id);

-- The current secrets of existing EMAIL/SMS links become their attempts, as their delivery stands.
INSERT INTO al_delivery_attempt
    (secret_hash, link_id, claim_token, attempt, state, provider_message_id, started_at, ended_at)
  SELECT secret_hash, id, claim_token, attempts,
         CASE WHEN delivery_status = 'SENT' THEN 'SENT'
              WHEN delivery_status = 'FAILED' THEN 'REFUSED'
              WHEN claim_token IS NOT NULL THEN 'STARTED'
              ELSE 'UNKNOWN' END,
         NULL, COALESCE(last_attempt_at, created_at), last_attempt_at
  FROM al_link
  WHERE channel <> 'MANUAL' AND secret_hash IS NOT NULL;

-- A monthly (SMS) unit that a link spent on an earlier delivery before it was resent: the link's
-- own quota_month/quota_held is the unit of its current delivery; these stay spent for good. A
-- counter rebuilt from the links counts them too.
CREATE TABLE al_quota_spent (
  id           VARCHAR(36)  NOT NULL,
  link_id      VARCHAR(36)  NOT NULL,
  organization VARCHAR(128) NOT NULL,
  channel      VARCHAR(16)  NOT NULL,
  quota_month  INT          NOT NULL,
  spent_at     BIGINT       NOT NULL,
  CONSTRAINT al_quota_spent_pk PRIMARY KEY (id)
) ${al_table_options};

CREATE INDEX al_quota_spent_counter_ix ON al_quota_spent (organization, channel, quota_month);
