-- Access Links schema, version 3: the unlock journal. One script for PostgreSQL, MariaDB and H2,
-- with the placeholders of V1 (see docs/persistence.md).
--
-- One row per door command whose outcome is not yet in the audit log: written (durably) before
-- the command is sent, deleted once the outcome event (al_event.id = al_unlock_intent.id) is
-- stored. A row that outlives its command is a door that may have opened without a record: the
-- core reconciles it into an UNLOCK_OUTCOME_UNKNOWN event and deletes it, in one transaction.
CREATE TABLE al_unlock_intent (
  id           VARCHAR(36)  NOT NULL,  -- the door command's id, = the id of its outcome event
  organization VARCHAR(128) NOT NULL,
  door_id      VARCHAR(128) NOT NULL,
  link_id      VARCHAR(36)  NOT NULL,
  recipient    VARCHAR(400) NOT NULL,  -- the recipient's name, whom the unlock is credited to
  sent_at      BIGINT       NOT NULL,
  expires_at   BIGINT       NOT NULL,  -- after this the lock refuses the command
  CONSTRAINT al_unlock_intent_pk PRIMARY KEY (id)
) ${al_table_options};

-- reconciliation: intents whose command has expired, earliest first
CREATE INDEX al_unlock_intent_expiry_ix ON al_unlock_intent (expires_at, id);
