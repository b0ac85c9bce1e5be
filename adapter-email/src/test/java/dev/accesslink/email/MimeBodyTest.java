package dev.accesslink.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the e-mail's MIME body, written in one pass")
class MimeBodyTest {
  private final Session session = Session.getInstance(new Properties());

  /** The message as a server receives it, parsed back by jakarta.mail. */
  private MimeMessage roundTrip(RenderedEmail content) throws Exception {
    MimeBody body = new MimeBody("0123abcd");
    MimeMessage m = new LinkMimeMessage(session, "<id.1@example.org>", body.write(content), body.contentType());
    m.setFrom(new InternetAddress("from@example.org"));
    m.setSentDate(new Date(0));
    m.saveChanges();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    m.writeTo(raw);
    return new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));
  }

  private static String crlf(String s) {
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  @Test
  @DisplayName("parses back to the same text, HTML and image: non-ASCII, long lines, '=', trailing spaces")
  void roundTrips() throws Exception {
    String text = "Grüße, Zoë 🚪\nA line with = signs and a trailing space \n" + "x".repeat(300)
        + "\n.leading dot\nFrom here\n\ttab\n";
    String html = "<!doctype html>\n<p>Hello &amp; welcome, Ærø</p>\n<img src=\"cid:qr@test\">" + "y".repeat(120);
    byte[] png = new byte[777];
    new Random(1).nextBytes(png);
    MimeMessage m = roundTrip(new RenderedEmail("s", text, html, List.of(new InlineImage("qr@test", "image/png", png))));

    assertThat(m.getMessageID()).isEqualTo("<id.1@example.org>");
    assertThat(m.getHeader("MIME-Version", null)).isEqualTo("1.0");
    assertThat(m.isMimeType("multipart/alternative")).isTrue();
    Multipart alternative = (Multipart) m.getContent();
    assertThat(alternative.getCount()).isEqualTo(2);
    BodyPart plain = alternative.getBodyPart(0);
    assertThat(plain.isMimeType("text/plain")).isTrue();
    assertThat(plain.getContentType()).containsIgnoringCase("charset=UTF-8");
    assertThat(crlf((String) plain.getContent())).isEqualTo(crlf(text));
    Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
    assertThat(alternative.getBodyPart(1).isMimeType("multipart/related")).isTrue();
    assertThat(crlf((String) related.getBodyPart(0).getContent())).isEqualTo(crlf(html));
    BodyPart image = related.getBodyPart(1);
    assertThat(image.isMimeType("image/png")).isTrue();
    assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
    assertThat(image.getHeader("Content-ID")).containsExactly("<qr@test>");
    assertThat(image.getInputStream().readAllBytes()).isEqualTo(png);
  }

  @Test
  @DisplayName("without images: text and HTML side by side; every line within SMTP's limit")
  void withoutImages() throws Exception {
    String text = "ö".repeat(500);
    MimeMessage m = roundTrip(new RenderedEmail("s", text, "<p>" + "h".repeat(2000) + "</p>"));
    Multipart alternative = (Multipart) m.getContent();
    assertThat(alternative.getCount()).isEqualTo(2);
    assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat((String) alternative.getBodyPart(0).getContent()).isEqualTo(text);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    m.writeTo(raw);
    for (String line : raw.toString(java.nio.charset.StandardCharsets.US_ASCII).split("\r\n")) {
      assertThat(line.length()).isLessThanOrEqualTo(78);
    }
  }

  @Test
  @DisplayName("a body larger than its buffer's first size: the buffer grows by single bytes and by whole blocks alike")
  void largeBody() throws Exception {
    String text = "Zoë, line " + "é=".repeat(20_000) + "\n";
    String html = "<p>" + "h".repeat(30_000) + "</p>";
    byte[] png = new byte[50_000];
    new Random(2).nextBytes(png);
    MimeMessage m = roundTrip(new RenderedEmail("s", text, html, List.of(new InlineImage("qr@test", "image/png", png))));
    Multipart alternative = (Multipart) m.getContent();
    assertThat(crlf((String) alternative.getBodyPart(0).getContent())).isEqualTo(crlf(text));
    Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
    assertThat((String) related.getBodyPart(0).getContent()).isEqualTo(html);
    assertThat(related.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(png);
  }
}
