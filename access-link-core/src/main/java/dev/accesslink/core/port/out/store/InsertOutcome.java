package dev.accesslink.core.port.out.store;

import dev.accesslink.core.port.out.LinkRecords;

/** The result of {@link LinkRecords#insert}: stored, or refused by the quota. */
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
}
