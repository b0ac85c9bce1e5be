package dev.accesslink.example;

import static dev.accesslink.example.ApiTest.createManual;
import static dev.accesslink.example.ApiTest.link;
import static dev.accesslink.example.ApiTest.outboxMessageTo;
import static dev.accesslink.example.ApiTest.unique;
import static dev.accesslink.example.TestApp.admin;
import static dev.accesslink.example.TestApp.adminJson;
import static dev.accesslink.example.TestApp.secretOf;
import static dev.accesslink.example.TestApp.visitor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.accesslink.example.TestApp.Reply;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the demo: the visitor's language, the sender's name, the QR code of a manual link")
class LanguageAndQrApiTest {
  @BeforeAll
  static void start() {
    TestApp.get();
  }

  @Test
  @DisplayName("a manual link's answer carries, once, a QR code (PNG data URL) that decodes to its URL")
  void manualQrCode() throws Exception {
    JsonNode j = createManual(unique("Ada"), "visitors").json();
    String qr = j.path("qrCode").asText();
    assertThat(qr).startsWith("data:image/png;base64,");

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(qr.substring("data:image/png;base64,".length()))));
    String decoded = new MultiFormatReader()
        .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
    assertThat(decoded).isEqualTo(j.path("url").asText());

    Reply list = admin("GET", "/api/orgs/demo/access-links?limit=200");
    assertThat(list.raw().body()).doesNotContain("qrCode").doesNotContain(secretOf(decoded));
  }

  @Test
  @DisplayName("an e-mail in Spanish names the configured sender; the link shows its language and sender")
  void spanishEmail() {
    Map<String, Object> body = link(unique("Ana"), "EMAIL", "visitors");
    body.put("email", "ana-" + System.nanoTime() + "@example.com");
    body.put("language", "es");
    body.put("validUntil", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
    Reply r = adminJson("POST", "/api/orgs/demo/access-links", body);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    assertThat(r.json().path("language").asText()).isEqualTo("es");
    assertThat(r.json().path("issuerName").asText()).isEqualTo("Grace Hopper");

    JsonNode message = outboxMessageTo(r.json().path("email").asText());
    assertThat(message.path("subject").asText()).startsWith("Tu enlace de acceso para");
    assertThat(message.path("body").asText()).contains("Grace Hopper de Demo HQ te ha enviado")
        .doesNotContain(" admin ");
  }

  @Test
  @DisplayName("an e-mail in French (the tag's case does not matter); without a language a link is in the organization's (English)")
  void frenchAndDefault() {
    // (the SMS quota of the shared demo organization is spent by ApiTest, so French goes by e-mail here;
    // the SMS texts per language are tested in adapter-sms)
    Map<String, Object> body = link(unique("Luc"), "EMAIL", "visitors");
    body.put("email", "luc-" + System.nanoTime() + "@example.com");
    body.put("language", "FR");
    Reply r = adminJson("POST", "/api/orgs/demo/access-links", body);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    assertThat(r.json().path("language").asText()).isEqualTo("fr");
    JsonNode message = outboxMessageTo(r.json().path("email").asText());
    assertThat(message.path("subject").asText()).isEqualTo("Votre lien d'accès pour Visitors à Demo HQ");
    assertThat(message.path("body").asText()).contains("Grace Hopper (Demo HQ) vous a envoyé un lien d'accès");

    assertThat(createManual(unique("Ed"), "visitors").json().path("language").asText()).isEqualTo("en");
  }

  @Test
  @DisplayName("an unknown or malformed language is 400 language.unsupported, and nothing is created")
  void unsupported() {
    long before = admin("GET", "/api/orgs/demo/access-links?limit=200").json().size();
    for (Object language : List.of("it", "xx", "e$", "english")) {
      Map<String, Object> body = link(unique("Ann"), "MANUAL", "visitors");
      body.put("language", language);
      Reply r = adminJson("POST", "/api/orgs/demo/access-links", body);
      assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
      assertThat(r.error().path("code").asText()).isEqualTo("language.unsupported");
      assertThat(r.error().path("field").asText()).isEqualTo("language");
    }
    Map<String, Object> number = link(unique("Ann"), "MANUAL", "visitors");
    number.put("language", 7);
    assertThat(adminJson("POST", "/api/orgs/demo/access-links", number).error().path("code").asText())
        .isEqualTo("json.type");
    assertThat(admin("GET", "/api/orgs/demo/access-links?limit=200").json().size()).isEqualTo(before);
  }

  @Test
  @DisplayName("the visitor API gives the link's language, its sender, localized texts and dates in the organization's zone")
  void visitorTexts() {
    Map<String, Object> body = link(unique("Jörg"), "MANUAL", "visitors");
    body.put("language", "de");
    body.put("validUntil", "2035-03-15T12:00:00Z");
    String url = adminJson("POST", "/api/orgs/demo/access-links", body).json().path("url").asText();

    JsonNode v = visitor("GET", "/api/links/" + secretOf(url)).json();
    assertThat(v.path("language").asText()).isEqualTo("de");
    assertThat(v.path("issuerName").asText()).isEqualTo("Grace Hopper");
    assertThat(v.path("texts").path("greeting").asText()).isEqualTo("Hallo {name}");
    assertThat(v.path("texts").path("door.unlock").asText()).isEqualTo("Öffnen");
    assertThat(v.path("texts").path("denied.EXPIRED").asText()).isEqualTo("Dieser Link ist abgelaufen.");
    assertThat(v.path("texts").has("date.time")).isFalse();
    assertThat(v.path("validUntilText").asText()).startsWith("Donnerstag, 15. März 2035, ").contains(v.path("zone").asText());
    assertThat(v.path("validFromText").isNull()).isTrue();
  }
}
