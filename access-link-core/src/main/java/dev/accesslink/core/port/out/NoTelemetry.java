package dev.accesslink.core.port.out;

/** The telemetry that reports nothing: {@link AccessLinkTelemetry#none()}. */
final class NoTelemetry implements AccessLinkTelemetry {
  static final NoTelemetry INSTANCE = new NoTelemetry();

  private NoTelemetry() {}

  @Override
  public String toString() {
    return "AccessLinkTelemetry.none()";
  }
}
