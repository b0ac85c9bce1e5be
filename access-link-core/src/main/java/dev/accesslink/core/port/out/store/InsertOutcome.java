package dev.accesslink.core.port.out.store;

import dev.accesslink.core.port.out.LinkRecords;

/**
 * The result of {@link LinkRecords#insert}: stored, refused by the quota, or not stored because its
 * idempotency key is held by an earlier insert.
 */
public sealed interface InsertOutcome {

  /** The link, its quota unit and its delivery (if any) were stored together. */
  record Inserted() implements InsertOutcome {}

  /**
   * Nothing was stored: {@code used} units were in use, which is not below {@code limit}.
   *
   * @param used units in use when the insert was refused
   * @param limit the limit it was checked against
   */
  record QuotaExhausted(long used, long limit) implements InsertOutcome {}

  /**
   * Nothing was stored: the organization's idempotency key was held, at the insert's instant, by an
   * earlier insert (whether its request was the same is for the caller to compare). Decided before
   * the quota: a held key wins over a used-up quota.
   *
   * @param earlier the earlier insert's link, as stored now, and its request fingerprint
   */
  record KeyTaken(KeyedSend earlier) implements InsertOutcome {
    public KeyTaken {
      java.util.Objects.requireNonNull(earlier, "earlier");
    }
  }
}
