/**
 * Micrometer metrics and observations for Access Links, fed through core's {@link
 * dev.accesslink.core.port.out.AccessLinkTelemetry} port.
 *
 * <p>Entry point: {@link dev.accesslink.micrometer.AccessLinkMetrics}, passed to {@code
 * AccessLinks.builder().telemetry(...)}. Observations carry an {@link
 * dev.accesslink.micrometer.AccessLinkObservationContext}, named and tagged by an {@link
 * dev.accesslink.micrometer.AccessLinkObservationConvention} ({@link
 * dev.accesslink.micrometer.DefaultAccessLinkObservationConvention} unless you give your own).
 * The metrics are listed in {@code docs/metrics.md}.
 */
@org.jspecify.annotations.NullMarked
package dev.accesslink.micrometer;
