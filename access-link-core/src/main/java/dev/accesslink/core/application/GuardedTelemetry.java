package dev.accesslink.core.application;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a failing {@link AccessLinkTelemetry} from breaking a use case: what a listener method
 * throws is logged (the first time as a warning with its stack trace, then at debug level) and
 * dropped; an {@link #observe} that throws without running the work gets the work run anyway, and
 * one that throws after the work returns its result all the same. The work's own exceptions pass
 * through unchanged. Thread-safe.
 */
final class GuardedTelemetry implements AccessLinkTelemetry {
  private static final System.Logger LOG = System.getLogger(AccessLinks.class.getName());

  private final AccessLinkTelemetry delegate;
  private final AtomicBoolean warned = new AtomicBoolean();

  private GuardedTelemetry(AccessLinkTelemetry delegate) {
    this.delegate = delegate;
  }

  /** {@code telemetry} guarded; {@link AccessLinkTelemetry#none()} as it is. */
  static AccessLinkTelemetry guard(AccessLinkTelemetry telemetry) {
    return telemetry == AccessLinkTelemetry.none() || telemetry instanceof GuardedTelemetry
        ? telemetry
        : new GuardedTelemetry(telemetry);
  }

  @Override
  public <T> T observe(Operation operation, Supplier<T> work) {
    Once<T> once = new Once<>(work);
    T returned;
    try {
      returned = delegate.observe(operation, once);
    } catch (RuntimeException | Error e) {
      once.rethrowFailure(); // the use case's own failure, whatever the telemetry made of it
      failed("observe(" + operation + ")", e);
      return once.get();
    }
    once.rethrowFailure(); // in case the telemetry swallowed the use case's failure
    if (!once.ran) {
      failed("observe(" + operation + ")", new IllegalStateException("observe did not run the work"));
    }
    return once.get();
  }

  @Override
  public void onSend(DeliveryChannel channel, SendOutcome outcome) {
    try {
      delegate.onSend(channel, outcome);
    } catch (RuntimeException e) {
      failed("onSend", e);
    }
  }

  @Override
  public void onDelivery(DeliveryChannel channel, DeliveryOutcome outcome) {
    try {
      delegate.onDelivery(channel, outcome);
    } catch (RuntimeException e) {
      failed("onDelivery", e);
    }
  }

  @Override
  public void onSegmentsSent(DeliveryChannel channel, int segments) {
    try {
      delegate.onSegmentsSent(channel, segments);
    } catch (RuntimeException e) {
      failed("onSegmentsSent", e);
    }
  }

  @Override
  public void onUnlock(UnlockResult outcome, Optional<DenialReason> reason) {
    try {
      delegate.onUnlock(outcome, reason);
    } catch (RuntimeException e) {
      failed("onUnlock", e);
    }
  }

  @Override
  public void onDoorCommand(DoorOutcome outcome) {
    try {
      delegate.onDoorCommand(outcome);
    } catch (RuntimeException e) {
      failed("onDoorCommand", e);
    }
  }

  @Override
  public void onDispatch(int claimed, int leftPending) {
    try {
      delegate.onDispatch(claimed, leftPending);
    } catch (RuntimeException e) {
      failed("onDispatch", e);
    }
  }

  private void failed(String call, Throwable e) {
    if (warned.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "AccessLinkTelemetry " + delegate.getClass().getName() + "." + call
          + " failed; the use case went on (further failures are logged at DEBUG)", e);
    } else {
      LOG.log(Level.DEBUG, "AccessLinkTelemetry " + call + " failed again: " + e);
    }
  }

  /** The work, run at most once however often the telemetry calls it; remembers how it ended. */
  private static final class Once<T> implements Supplier<T> {
    private final Supplier<T> work;
    private boolean ran;
    private @Nullable T value;
    private @Nullable Throwable failure;

    Once(Supplier<T> work) {
      this.work = work;
    }

    @Override
    public T get() {
      rethrowFailure();
      if (!ran) {
        ran = true;
        try {
          value = work.get();
        } catch (RuntimeException | Error e) {
          failure = e;
          throw e;
        }
      }
      return value;
    }

    /** Throws what the work threw, if it did. */
    void rethrowFailure() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    }
  }
}
