-- Access Links schema, version 2: quota counters striped over several rows. One script for
-- PostgreSQL, MariaDB and H2, with the placeholders of V1 (see docs/persistence.md).
--
-- Each quota counter (organization, channel, quota_month) becomes k rows, its "stripes", so that
-- concurrent sends of one organization take units from different rows. Per stripe:
--   used       units held by links (-1 on every stripe: the counter is "not kept", see the store)
--   cap        the most units the fast path may hold on this stripe
--   cap_limit  the quota limit the caps were computed for; the fast path only takes a unit from a
--              stripe whose cap_limit is the limit of the insert
-- Caps are only ever set with every stripe of the counter locked, so that the caps of one
-- counter add up to at most its limit (JdbcAccessLinkStore explains why that keeps quotas exact).
CREATE TABLE al_quota_stripe (
  organization VARCHAR(128) NOT NULL,
  channel      VARCHAR(16)  NOT NULL,
  quota_month  INT          NOT NULL,
  stripe       INT          NOT NULL,
  used         BIGINT       NOT NULL,
  cap          BIGINT       NOT NULL,
  cap_limit    BIGINT       NOT NULL,
  CONSTRAINT al_quota_stripe_pk PRIMARY KEY (organization, channel, quota_month, stripe)
) ${al_table_options};

-- An existing counter becomes its stripe 0, with no room for the fast path (cap 0): the next
-- insert of that counter takes the slow path, which creates the other stripes and spreads the
-- free units over them. A counter that was not kept (-1) stays not kept.
INSERT INTO al_quota_stripe (organization, channel, quota_month, stripe, used, cap, cap_limit)
  SELECT organization, channel, quota_month, 0, used, 0, -1 FROM al_quota_counter;

DROP TABLE al_quota_counter;

-- The counter as one number, for people and tools that read it: the sum of its stripes, or -1
-- while it is not kept (some stripe is -1). Not updatable: a process still running version 1 of
-- the adapter fails on it instead of counting on the wrong table.
CREATE VIEW al_quota_counter AS
  SELECT organization, channel, quota_month,
         CASE WHEN MIN(used) < 0 THEN -1 ELSE SUM(used) END AS used
  FROM al_quota_stripe
  GROUP BY organization, channel, quota_month;
