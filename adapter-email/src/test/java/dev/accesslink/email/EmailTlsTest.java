package dev.accesslink.email;

import static dev.accesslink.email.TestMessages.freshAddress;
import static dev.accesslink.email.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.accesslink.core.port.out.DeliveryResult;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("EmailLinkNotifier over implicit TLS (GreenMail SMTPS, self-signed certificate)")
class EmailTlsTest {
  static final String SENDER = "sender@acme.example";
  static final String PASSWORD = "tls-s3cret";

  /** SMTPS on a free port; GreenMail's 2 s start-up timeout is too short on a loaded build machine. */
  static ServerSetup smtps() {
    ServerSetup setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS);
    setup.setServerStartupTimeout(60_000);
    return setup;
  }

  @RegisterExtension
  static final GreenMailExtension GREENMAIL =
      new GreenMailExtension(smtps())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(SENDER, SENDER, PASSWORD))
          .withPerMethodLifecycle(false);

  /** Trusts exactly GreenMail's bundled self-signed certificate, nothing else. */
  static SSLSocketFactory trustingGreenMail() throws Exception {
    KeyStore bundled = KeyStore.getInstance("PKCS12");
    try (InputStream in = GreenMailExtension.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
      bundled.load(in, "changeit".toCharArray());
    }
    Certificate cert = bundled.getCertificate(bundled.aliases().nextElement());
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("greenmail", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx.getSocketFactory();
  }

  static SmtpSettings.Builder tls() {
    return SmtpSettings.builder()
        .host("127.0.0.1")
        .port(GREENMAIL.getSmtps().getPort())
        .security(SmtpSecurity.IMPLICIT_TLS)
        .credentials(SENDER, PASSWORD.toCharArray())
        .fromAddress("access@acme.example")
        .localHostName("test.acme.example")
        .timeouts(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("sends over TLS when the certificate is trusted through the settings")
  void sendsOverTls() throws Exception {
    String to = freshAddress();
    EmailLinkNotifier n = EmailLinkNotifier.create(
        tls().sslSocketFactory(trustingGreenMail()).checkServerIdentity(false).build());

    assertThat(n.deliver(message(to))).isInstanceOf(DeliveryResult.Sent.class);
    assertThat(Arrays.stream(GREENMAIL.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().contains(to);
      } catch (Exception e) {
        return false;
      }
    })).hasSize(1);
  }

  @Test
  @DisplayName("an untrusted certificate is a transient TLS failure")
  void untrusted() {
    EmailLinkNotifier n = EmailLinkNotifier.create(tls().build());
    assertThat(n.deliver(message(freshAddress())))
        .isEqualTo(new DeliveryResult.TransientFailure("smtp.tls"));
  }

  @Test
  @DisplayName("a trusted certificate that does not name the host fails the identity check")
  void identityChecked() throws Exception {
    EmailLinkNotifier n = EmailLinkNotifier.create(tls().sslSocketFactory(trustingGreenMail()).build());
    assertThat(n.deliver(message(freshAddress())))
        .isEqualTo(new DeliveryResult.TransientFailure("smtp.tls"));
  }
}
