package dev.accesslink.email;

import java.util.List;
import java.util.Objects;

/**
 * The content of one e-mail, as an {@link EmailTemplate} renders it.
 *
 * <p>Both bodies contain the link's secret URL, so {@link #toString()} shows only the subject and
 * the bodies' lengths. The notifier refuses to send a subject that contains line breaks or other
 * control characters (it would otherwise be a header injection).
 *
 * @param subject the Subject header, one line
 * @param text the text/plain part
 * @param html the text/html part, a complete HTML document; every user value escaped
 * @param inlineImages images the HTML shows as {@code <img src="cid:...">}, such as the link's QR
 *     code; sent with the HTML in one {@code multipart/related} part
 */
public record RenderedEmail(String subject, String text, String html, List<InlineImage> inlineImages) {
  /** Checks that no part is null; the subject's content is checked when the message is sent. */
  public RenderedEmail {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    inlineImages = List.copyOf(inlineImages);
  }

  /** An e-mail without inline images. */
  public RenderedEmail(String subject, String text, String html) {
    this(subject, text, html, List.of());
  }

  /** The subject and the bodies' lengths, never the bodies (they contain the link). */
  @Override
  public String toString() {
    return "RenderedEmail[subject=" + subject + ", text=" + text.length() + " chars, html="
        + html.length() + " chars, " + inlineImages.size() + " inline images]";
  }
}
