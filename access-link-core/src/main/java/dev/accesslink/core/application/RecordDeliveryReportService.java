package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.port.in.DeliveryReportCommand;
import dev.accesslink.core.port.in.DeliveryReportResult;
import dev.accesslink.core.port.in.RecordDeliveryReportUseCase;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.store.ReportOutcome;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;

/** Applies providers' late delivery reports through the outbox. Thread-safe. */
final class RecordDeliveryReportService implements RecordDeliveryReportUseCase {
  private static final System.Logger LOG = System.getLogger(AccessLinks.class.getName());

  private final DeliveryOutbox outbox;
  private final Audit audit;
  private final Clock clock;

  RecordDeliveryReportService(DeliveryOutbox outbox, Audit audit, Clock clock) {
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public DeliveryReportResult recordDeliveryReport(DeliveryReportCommand report) {
    if (report.delivered()) {
      return new DeliveryReportResult.Ignored("delivered");
    }
    Instant now = clock.instant();
    String reason = report.reason().isBlank() ? "report.undelivered" : report.reason();
    ReportOutcome outcome = outbox.recordUndelivered(report.providerMessageId(), now, reason);
    if (outcome instanceof ReportOutcome.Applied applied) {
      AccessLink link = applied.link();
      audit.record(link.organization(), now, AccessEventType.DELIVERY_REPORTED_FAILED, Actor.system(), link.id(),
          null, reason);
      return new DeliveryReportResult.Applied(link);
    }
    String why = outcome instanceof ReportOutcome.Stale s
        ? "stale: the message of link " + s.link() + " is not its current, sent one"
        : "unknown message";
    // the message id is the provider's, not a secret
    LOG.log(Level.INFO, "Access Links: delivery report for message {0} ignored ({1})",
        report.providerMessageId(), why);
    return new DeliveryReportResult.Ignored(why);
  }
}
