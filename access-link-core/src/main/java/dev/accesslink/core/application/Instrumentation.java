package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessLinkException;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.port.in.DispatchDeliveriesUseCase;
import dev.accesslink.core.port.in.DispatchReport;
import dev.accesslink.core.port.in.SendAccessLinkUseCase;
import dev.accesslink.core.port.in.UnlockDoorUseCase;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import dev.accesslink.core.port.out.AccessLinkTelemetry.DeliveryOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry.DoorOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry.Operation;
import dev.accesslink.core.port.out.AccessLinkTelemetry.SendOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry.UnlockResult;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.core.domain.DeliveryChannel;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reports the use cases to an {@link AccessLinkTelemetry} by decorating them and the ports they
 * call, so that no service needs to know about telemetry: each decorator runs its call inside
 * {@link AccessLinkTelemetry#observe} and reports the outcome from inside that work. With {@link
 * AccessLinkTelemetry#none()} every method returns what it was given, so nothing changes.
 */
final class Instrumentation {
  private Instrumentation() {}

  static SendAccessLinkUseCase send(SendAccessLinkUseCase send, AccessLinkTelemetry telemetry) {
    if (telemetry == AccessLinkTelemetry.none()) {
      return send;
    }
    return command -> telemetry.observe(Operation.SEND, () -> {
      SendOutcome outcome = SendOutcome.ERROR;
      try {
        var sent = send.send(command);
        outcome = sent.repeated() ? SendOutcome.REPEATED : SendOutcome.ISSUED;
        return sent;
      } catch (QuotaExhaustedException e) {
        outcome = SendOutcome.QUOTA_EXHAUSTED;
        throw e;
      } catch (AccessLinkException e) {
        outcome = SendOutcome.REJECTED;
        throw e;
      } finally {
        telemetry.onSend(command.channel(), outcome);
      }
    });
  }

  static UnlockDoorUseCase unlock(UnlockDoorUseCase unlock, AccessLinkTelemetry telemetry) {
    if (telemetry == AccessLinkTelemetry.none()) {
      return unlock;
    }
    return command -> telemetry.observe(Operation.UNLOCK, () -> {
      UnlockOutcome outcome;
      try {
        outcome = unlock.unlock(command);
      } catch (RuntimeException | Error e) {
        telemetry.onUnlock(UnlockResult.ERROR, Optional.empty());
        throw e;
      }
      if (outcome instanceof UnlockOutcome.Denied denied) {
        telemetry.onUnlock(UnlockResult.DENIED, Optional.of(denied.reason()));
      } else {
        telemetry.onUnlock(outcome instanceof UnlockOutcome.Unlocked ? UnlockResult.UNLOCKED
            : UnlockResult.DOOR_UNREACHABLE, Optional.empty());
      }
      return outcome;
    });
  }

  static DispatchDeliveriesUseCase dispatch(DispatchDeliveriesUseCase dispatch, AccessLinkTelemetry telemetry) {
    if (telemetry == AccessLinkTelemetry.none()) {
      return dispatch;
    }
    return () -> telemetry.observe(Operation.DISPATCH, () -> {
      DispatchReport report = dispatch.dispatchDue();
      telemetry.onDispatch(report.claimed(), report.claimed() - report.sent() - report.failed());
      return report;
    });
  }

  static DoorController doors(DoorController doors, AccessLinkTelemetry telemetry) {
    if (telemetry == AccessLinkTelemetry.none()) {
      return doors;
    }
    return new DoorController() {
      @Override
      public DoorResponse unlock(DoorCommand command) {
        return unlock(command, late -> {});
      }

      @Override
      public DoorResponse unlock(DoorCommand command, Consumer<DoorResponse> lateAnswer) {
        return telemetry.observe(Operation.DOOR_COMMAND, () -> {
          DoorResponse response;
          try {
            response = doors.unlock(command, lateAnswer);
          } catch (RuntimeException | Error e) {
            telemetry.onDoorCommand(DoorOutcome.ERROR);
            throw e;
          }
          telemetry.onDoorCommand(response instanceof DoorResponse.Unlocked ? DoorOutcome.UNLOCKED
              : response instanceof DoorResponse.Refused ? DoorOutcome.REFUSED : DoorOutcome.UNREACHABLE);
          return response;
        });
      }
    };
  }

  static List<LinkNotifier> notifiers(List<LinkNotifier> notifiers, AccessLinkTelemetry telemetry) {
    if (telemetry == AccessLinkTelemetry.none()) {
      return notifiers;
    }
    return notifiers.stream().<LinkNotifier>map(n -> new ReportingNotifier(n, telemetry)).toList();
  }

  /** A notifier that reports how each delivery attempt was answered. */
  private static final class ReportingNotifier implements LinkNotifier {
    private final LinkNotifier notifier;
    private final AccessLinkTelemetry telemetry;

    ReportingNotifier(LinkNotifier notifier, AccessLinkTelemetry telemetry) {
      this.notifier = notifier;
      this.telemetry = telemetry;
    }

    @Override
    public DeliveryChannel channel() {
      return notifier.channel();
    }

    @Override
    public AddressCheck normalize(String rawAddress) {
      return notifier.normalize(rawAddress);
    }

    @Override
    public DeliveryResult deliver(LinkMessage message) {
      DeliveryResult result;
      try {
        result = notifier.deliver(message);
      } catch (RuntimeException | Error e) {
        telemetry.onDelivery(notifier.channel(), DeliveryOutcome.ERROR);
        throw e;
      }
      telemetry.onDelivery(notifier.channel(), result instanceof DeliveryResult.Sent ? DeliveryOutcome.SENT
          : result instanceof DeliveryResult.TransientFailure || result instanceof DeliveryResult.OutcomeUnknown
              ? DeliveryOutcome.TRANSIENT_FAILURE
          : DeliveryOutcome.PERMANENT_FAILURE);
      if (result instanceof DeliveryResult.Sent sent && sent.segments() > 0) {
        telemetry.onSegmentsSent(notifier.channel(), sent.segments());
      }
      return result;
    }

    @Override
    public String toString() {
      return notifier.toString();
    }
  }
}
