package dev.accesslink.micrometer;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.QuotaUsageReport;
import dev.accesslink.core.port.in.QuotaUsageUseCase;
import io.micrometer.core.instrument.Clock;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Reads one organization's quota usage for the {@code accesslink.quota.used} gauges: once for all
 * channels, at most once a second, so that a scrape costs one quota-usage call. Thread-safe.
 */
final class QuotaProbe {
  private static final System.Logger LOG = System.getLogger(AccessLinkMetrics.class.getName());
  private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final QuotaUsageUseCase quota;
  private final OrganizationId organization;
  private final Clock clock;
  private final AtomicBoolean warned = new AtomicBoolean();
  private @Nullable QuotaUsageReport report;
  private long readAt;

  QuotaProbe(QuotaUsageUseCase quota, OrganizationId organization, Clock clock) {
    this.quota = quota;
    this.organization = organization;
    this.clock = clock;
  }

  /** Units of {@code channel} in use, or NaN when the usage cannot be read. */
  synchronized double used(DeliveryChannel channel) {
    long now = clock.monotonicTime();
    if (report == null || now - readAt >= REFRESH_NANOS) {
      try {
        report = quota.quotaUsage(organization);
        readAt = now;
      } catch (RuntimeException e) {
        report = null;
        if (warned.compareAndSet(false, true)) {
          LOG.log(Level.WARNING, "accesslink.quota.used: reading the quota usage of " + organization
              + " failed; the gauges show NaN until it works (further failures are not logged)", e);
        }
        return Double.NaN;
      }
    }
    return report.of(channel).used();
  }
}
