package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLink;

/** What {@link RecordDeliveryReportUseCase#recordDeliveryReport} made of a report. */
public sealed interface DeliveryReportResult {

  /** The report applied: the link's delivery is FAILED and the link revoked (as now stored). */
  record Applied(AccessLink link) implements DeliveryReportResult {}

  /**
   * Nothing changed: the message is unknown, not the link's current message any more (resent
   * since, or superseded), the delivery was not SENT, or the report says delivered.
   *
   * @param why a short reason, for a log line
   */
  record Ignored(String why) implements DeliveryReportResult {}
}
