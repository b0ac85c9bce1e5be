package dev.accesslink.email;

import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image the HTML body shows inline, as {@code <img src="cid:CONTENT_ID">}: the notifier sends
 * the HTML and its images together as one {@code multipart/related} part.
 *
 * <p>A QR code of a link holds the link's secret, so {@link #toString()} shows only the content id,
 * the type and the size.
 *
 * @param contentId the {@code Content-ID} without angle brackets, such as {@code
 *     access-link-qr@accesslink.dev}: letters, digits and {@code . _ - @}
 * @param mimeType such as {@code image/png}
 * @param data the image's bytes
 */
public record InlineImage(String contentId, String mimeType, byte[] data) {
  /** The content id of the standard template's QR code. */
  public static final String QR_CODE_CONTENT_ID = "access-link-qr@accesslink.dev";

  /** Pixels per QR module: large enough to scan from a phone screen. */
  static final int QR_SCALE = 6;
  /** The quiet zone around a QR code, in modules, as the standard asks. */
  static final int QR_BORDER = 4;

  /**
   * The data mask, fixed. Any of the eight masks is valid (a reader takes it from the symbol's
   * format bits); {@code encodeText} would try all eight and keep the one with the lowest penalty
   * score, which was a third of the e-mail adapter's CPU per message (figure 8 of
   * docs/performance.md). The penalty guards against long runs and finder-like patterns in
   * structured data; a link's payload is mostly its random secret, so every mask gives a symbol of
   * about the same score.
   */
  static final int QR_MASK = 2;

  private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
  private static final Pattern MIME_TYPE = Pattern.compile("image/[a-z0-9.+-]{1,50}");

  /** Checks the content id and type (they become headers) and copies the data. */
  public InlineImage {
    Objects.requireNonNull(contentId, "contentId");
    Objects.requireNonNull(mimeType, "mimeType");
    if (!CONTENT_ID.matcher(contentId).matches()) {
      throw new IllegalArgumentException("a content id is 1 to 100 letters, digits and . _ - @");
    }
    if (!MIME_TYPE.matcher(mimeType).matches()) {
      throw new IllegalArgumentException("an inline image's type is image/...");
    }
    data = data.clone();
  }

  /** A copy of the image's bytes. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /**
   * A PNG of {@code text} as a QR code (error correction level M, black on white, 1 bit per
   * pixel, {@value #QR_SCALE} pixels per module, a quiet zone of {@value #QR_BORDER} modules).
   *
   * @param contentId the content id the HTML refers to
   * @param text what the code holds, such as the link's URL
   */
  public static InlineImage qrCode(String contentId, String text) {
    QrCode qr = QrCode.encodeSegments(QrSegment.makeSegments(text), QrCode.Ecc.MEDIUM,
        QrCode.MIN_VERSION, QrCode.MAX_VERSION, QR_MASK, true);
    return new InlineImage(contentId, "image/png", QrPng.encode(qr, QR_SCALE, QR_BORDER));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InlineImage i && contentId.equals(i.contentId) && mimeType.equals(i.mimeType)
        && java.util.Arrays.equals(data, i.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(contentId, mimeType, java.util.Arrays.hashCode(data));
  }

  /** The content id, the type and the size; never the bytes (a QR code holds the secret). */
  @Override
  public String toString() {
    return "InlineImage[contentId=" + contentId + ", mimeType=" + mimeType + ", " + data.length + " bytes]";
  }
}
