package dev.accesslink.micrometer;

import dev.accesslink.core.port.out.AccessLinkTelemetry.Operation;
import io.micrometer.common.KeyValues;
import java.util.Locale;

/**
 * The default names and key values of the observations:
 *
 * <table>
 *   <caption>Observations</caption>
 *   <tr><th>name</th><th>contextual (span) name</th><th>low-cardinality keys</th><th>high-cardinality keys</th></tr>
 *   <tr><td>{@code accesslink.send}</td><td>{@code accesslink send}</td><td>{@code channel}, {@code outcome}</td><td></td></tr>
 *   <tr><td>{@code accesslink.dispatch}</td><td>{@code accesslink dispatch}</td><td></td>
 *       <td>{@code accesslink.claimed}, {@code accesslink.left.pending}</td></tr>
 *   <tr><td>{@code accesslink.unlock}</td><td>{@code accesslink unlock}</td><td>{@code outcome}, {@code reason}</td><td></td></tr>
 * </table>
 *
 * <p>Values are the lower-case enum names ({@code email}, {@code quota_exhausted}, {@code
 * door_not_in_group}); {@code reason} is {@code none} unless the unlock was denied, and a value not
 * reported (the operation threw before its outcome was known) is {@code unknown}. Every
 * observation of one name has the same keys, as Prometheus requires of the timers a meter handler
 * makes of them. The name itself is the context's ({@link AccessLinkObservationContext#nameOf}):
 * this convention does not override {@link #getName()}, as one convention serves the three
 * observations. Stateless and thread-safe.
 */
public class DefaultAccessLinkObservationConvention implements AccessLinkObservationConvention {
  /** The shared instance. */
  public static final DefaultAccessLinkObservationConvention INSTANCE = new DefaultAccessLinkObservationConvention();

  /** For subclasses; otherwise use {@link #INSTANCE}. */
  protected DefaultAccessLinkObservationConvention() {}

  @Override
  public String getContextualName(AccessLinkObservationContext context) {
    return CONTEXTUAL_NAMES.get(context.operation());
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(AccessLinkObservationContext context) {
    return switch (context.operation()) {
      case SEND -> KeyValues.of(
          "channel", context.channel().map(DefaultAccessLinkObservationConvention::lower).orElse("unknown"),
          "outcome", context.sendOutcome().map(DefaultAccessLinkObservationConvention::lower).orElse("unknown"));
      case UNLOCK -> KeyValues.of(
          "outcome", context.unlockResult().map(DefaultAccessLinkObservationConvention::lower).orElse("unknown"),
          "reason", context.denialReason().map(DefaultAccessLinkObservationConvention::lower).orElse("none"));
      case DISPATCH, DOOR_COMMAND -> KeyValues.empty();
    };
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(AccessLinkObservationContext context) {
    if (context.operation() == Operation.DISPATCH && context.claimed() >= 0) {
      return KeyValues.of(
          "accesslink.claimed", Integer.toString(context.claimed()),
          "accesslink.left.pending", Integer.toString(context.leftPending()));
    }
    return KeyValues.empty();
  }

  /** The lower-case name of an enum constant: the tag value. */
  static String lower(Enum<?> value) {
    // once per constant, not per observation: tag values are read on every unlock and send
    return LOWER.get(value.getDeclaringClass())[value.ordinal()];
  }

  private static final ClassValue<String[]> LOWER = new ClassValue<>() {
    @Override
    protected String[] computeValue(Class<?> type) {
      Object[] constants = type.getEnumConstants();
      String[] names = new String[constants.length];
      for (int i = 0; i < constants.length; i++) {
        names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
      }
      return names;
    }
  };

  private static final java.util.Map<Operation, String> CONTEXTUAL_NAMES = contextualNames();

  private static java.util.Map<Operation, String> contextualNames() {
    java.util.Map<Operation, String> names = new java.util.EnumMap<>(Operation.class);
    for (Operation o : Operation.values()) {
      names.put(o, "accesslink " + lower(o));
    }
    return java.util.Collections.unmodifiableMap(names);
  }
}
