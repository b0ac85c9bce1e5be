package dev.accesslink.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.testkit.Fixtures;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every {@link LinkNotifier} owes. */
public abstract class LinkNotifierContract {

  /** A notifier talking to a working provider. */
  protected abstract LinkNotifier notifier();

  /** The same notifier, configured against a provider that is down (a closed port). */
  protected abstract LinkNotifier unreachableNotifier();

  /** A valid address as a person might type it. */
  protected abstract String validRawAddress();

  /** A few addresses the notifier must refuse. */
  protected abstract List<String> invalidRawAddresses();

  /** The full text of the last message the provider received for {@code normalizedAddress}. */
  protected abstract Optional<String> lastDeliveredContent(String normalizedAddress);

  private String normalizedValid() {
    AddressCheck check = notifier().normalize(validRawAddress());
    assertThat(check).isInstanceOf(AddressCheck.Valid.class);
    return ((AddressCheck.Valid) check).normalized();
  }

  private LinkMessage message(String address, LinkSecret secret) {
    return new LinkMessage(Fixtures.linkId(Fixtures.T0), "Acme HQ",
        new Recipient("Ada Lovelace", notifier().channel(), address), "Visitors", List.of("Front door"),
        ValidityWindow.between(Fixtures.T0, Fixtures.T0.plusSeconds(86_400)), ZoneId.of("America/New_York"),
        dev.accesslink.core.domain.AccessLinkUrl.of(URI.create("https://acme.example/l/"), secret),
        AdminId.of("admin-1"));
  }

  @Test
  @DisplayName("serves EMAIL or SMS, never MANUAL")
  void channel() {
    assertThat(notifier().channel()).isIn(DeliveryChannel.EMAIL, DeliveryChannel.SMS);
  }

  @Test
  @DisplayName("normalizing is idempotent")
  void idempotent() {
    String once = normalizedValid();
    assertThat(notifier().normalize(once)).isEqualTo(AddressCheck.valid(once));
  }

  @Test
  @DisplayName("invalid and hostile addresses are refused with a stable code, never an exception")
  void refusesBadInput() {
    List<String> bad = new ArrayList<>(invalidRawAddresses());
    String valid = validRawAddress().strip();
    bad.addAll(List.of("", "   ", valid + "\r\nBcc: victim@example.com", valid + "\n", valid + "\u0000",
        "\u0007" + valid, "x".repeat(10_000), valid.repeat(50)));
    for (String raw : bad) {
      assertThatCode(() -> notifier().normalize(raw)).as("normalize must not throw").doesNotThrowAnyException();
      AddressCheck check = notifier().normalize(raw);
      assertThat(check).as("refuses %s", raw.length() > 60 ? raw.substring(0, 60) + "…" : raw)
          .isInstanceOf(AddressCheck.Invalid.class);
      AddressCheck.Invalid invalid = (AddressCheck.Invalid) check;
      assertThat(invalid.code()).matches("[a-z0-9_]+(\\.[a-z0-9_]+)+");
      assertThat(invalid.message()).isNotBlank();
    }
  }

  @Test
  @DisplayName("a delivered message reaches the provider with the link URL in it")
  void delivers() {
    String to = normalizedValid();
    LinkSecret secret = Fixtures.secret();
    LinkMessage message = message(to, secret);

    DeliveryResult result = notifier().deliver(message);

    assertThat(result).isInstanceOf(DeliveryResult.Sent.class);
    assertThat(lastDeliveredContent(to)).hasValueSatisfying(content ->
        assertThat(content).contains(message.url().reveal()));
    assertThat(message.toString()).doesNotContain(secret.reveal());
  }

  @Test
  @DisplayName("a provider that is down is a transient failure, not an exception, and the reason has no secret")
  void providerDownIsTransient() {
    LinkSecret secret = Fixtures.secret();
    DeliveryResult result = unreachableNotifier().deliver(message(normalizedValid(), secret));
    assertThat(result).isInstanceOf(DeliveryResult.TransientFailure.class);
    assertThat(((DeliveryResult.TransientFailure) result).reason()).doesNotContain(secret.reveal());
  }
}
