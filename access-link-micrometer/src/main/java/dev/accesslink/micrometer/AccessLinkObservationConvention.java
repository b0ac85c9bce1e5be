package dev.accesslink.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of Access Links. Implement it (or extend {@link
 * DefaultAccessLinkObservationConvention}) and pass it to {@link
 * AccessLinkMetrics.Builder#observationConvention} to change them.
 */
public interface AccessLinkObservationConvention extends ObservationConvention<AccessLinkObservationContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof AccessLinkObservationContext;
  }
}
