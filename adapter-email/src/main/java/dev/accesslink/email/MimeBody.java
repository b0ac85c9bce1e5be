package dev.accesslink.email;

import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The body of a link's e-mail, written as MIME bytes in one pass: {@code multipart/alternative}
 * of the text (quoted-printable, UTF-8) and the HTML (the same), the HTML with its inline images in
 * a {@code multipart/related} part (base64), as {@code MimeBodyPart} and {@code MimeMultipart}
 * would write it.
 *
 * <p>Why not those classes: in jakarta.mail-api 2.1 every {@code BodyPart} and {@code Multipart}
 * they construct, and every part they write, looks up the {@link StreamProvider} through the
 * {@code ServiceLoader} again (jakartaee/mail-api issues 699 and 861, fixed only in 2.2), which
 * parses the class path's service files: about 15 look-ups and a tenth of the delivery threads'
 * CPU per message in figure 8 of docs/performance.md. Here the provider is looked up once.
 *
 * <p>The bytes go into a buffer of its own, not a {@code ByteArrayOutputStream}: the
 * quoted-printable encoder writes its output one byte at a time, and each of those writes took the
 * {@code ByteArrayOutputStream}'s lock (a 8 KiB HTML part about 140 µs of CPU to encode, 35 µs
 * without the lock).
 *
 * <p>The boundaries start with {@code =_}, which quoted-printable and base64 never write, so no
 * part can contain one. Not API; not thread-safe (one per message).
 */
final class MimeBody {
  /** Looked up once: the encoders of the jakarta.mail implementation on the class path (Angus). */
  private static final StreamProvider STREAMS = StreamProvider.provider();
  private static final byte[] CRLF = {'\r', '\n'};

  private final Bytes out = new Bytes(8192);
  private final String boundaryStem;

  /** @param unique a per-message value (letters and digits) that makes the boundaries unique */
  MimeBody(String unique) {
    this.boundaryStem = "=_al_" + unique + "_";
  }

  /**
   * The {@code multipart/alternative} body of {@code content}; its content type (with the boundary)
   * is {@link #contentType()}.
   */
  byte[] write(RenderedEmail content) {
    String alternative = boundaryStem + "alt";
    textPart(alternative, "plain", content.text());
    if (content.inlineImages().isEmpty()) {
      textPart(alternative, "html", content.html());
    } else {
      String related = boundaryStem + "rel";
      delimiter(alternative);
      header("Content-Type: multipart/related; boundary=\"" + related + "\"");
      line("");
      textPart(related, "html", content.html());
      for (InlineImage image : content.inlineImages()) {
        delimiter(related);
        header("Content-Type: " + image.mimeType());
        header("Content-Transfer-Encoding: base64");
        header("Content-ID: <" + image.contentId() + ">");
        header("Content-Disposition: inline");
        line("");
        out.writeBytes(Base64.getMimeEncoder().encode(image.data()));
        out.writeBytes(CRLF);
      }
      close(related);
    }
    close(alternative);
    return out.toByteArray();
  }

  /** The message's Content-Type header value. */
  String contentType() {
    return "multipart/alternative; boundary=\"" + boundaryStem + "alt\"";
  }

  private void textPart(String boundary, String subtype, String text) {
    delimiter(boundary);
    header("Content-Type: text/" + subtype + "; charset=UTF-8");
    header("Content-Transfer-Encoding: quoted-printable");
    line("");
    try {
      OutputStream qp = STREAMS.outputQP(out);
      qp.write(text.getBytes(StandardCharsets.UTF_8));
      qp.close(); // flushes the encoder; closing the buffer does nothing
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the buffer does not fail
    }
    out.writeBytes(CRLF);
  }

  private void delimiter(String boundary) {
    line("--" + boundary);
  }

  private void close(String boundary) {
    line("--" + boundary + "--");
  }

  private void header(String line) {
    line(line);
  }

  private void line(String line) {
    out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(CRLF);
  }

  /** A growing byte buffer without locks, whose close() does nothing (the body goes on after a part). */
  private static final class Bytes extends OutputStream {
    private byte[] buf;
    private int count;

    Bytes(int capacity) {
      buf = new byte[capacity];
    }

    @Override
    public void write(int b) {
      if (count == buf.length) {
        buf = Arrays.copyOf(buf, count * 2);
      }
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (len > buf.length - count) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
      }
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    void writeBytes(byte[] b) {
      write(b, 0, b.length);
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, count);
    }
  }
}
