package dev.accesslink.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the QR code's PNG")
class QrPngTest {
  private static final String URL = "https://links.example/l#q8Zt0cVhXk3mB7yN2pLw9aR4sE6uJ1dF5gH0iK3oM8n";

  @Test
  @DisplayName("is a PNG that javax.imageio reads, pixel for pixel the modules: 6 pixels each, a quiet zone of 4")
  void pixelForPixel() throws Exception {
    QrCode qr = QrCode.encodeSegments(QrSegment.makeSegments(URL), QrCode.Ecc.MEDIUM,
        QrCode.MIN_VERSION, QrCode.MAX_VERSION, InlineImage.QR_MASK, true);
    InlineImage png = InlineImage.qrCode(InlineImage.QR_CODE_CONTENT_ID, URL);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.data()));
    int size = (qr.size + 2 * InlineImage.QR_BORDER) * InlineImage.QR_SCALE;
    assertThat(png.mimeType()).isEqualTo("image/png");
    assertThat(image.getWidth()).isEqualTo(size);
    assertThat(image.getHeight()).isEqualTo(size);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        boolean dark = qr.getModule(x / InlineImage.QR_SCALE - InlineImage.QR_BORDER,
            y / InlineImage.QR_SCALE - InlineImage.QR_BORDER);
        assertThat(image.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(dark ? 0 : 0xFFFFFF);
      }
    }
  }

  @Test
  @DisplayName("decodes to the text with ZXing, from the smallest code to a long link")
  void decodes() throws Exception {
    for (String text : new String[] {"x", URL, URL + "/" + "a".repeat(300)}) {
      assertThat(QrDecoder.decode(InlineImage.qrCode("qr@test", text).data())).isEqualTo(text);
    }
  }

  @Test
  @DisplayName("uses one fixed mask, and decodes with ZXing for any secret (200 random links)")
  void fixedMask() throws Exception {
    java.util.Random random = new java.util.Random(19);
    for (int i = 0; i < 200; i++) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      String link = "https://links.example/l#" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      QrCode qr = QrCode.encodeSegments(QrSegment.makeSegments(link), QrCode.Ecc.MEDIUM,
          QrCode.MIN_VERSION, QrCode.MAX_VERSION, InlineImage.QR_MASK, true);
      assertThat(qr.mask).isEqualTo(InlineImage.QR_MASK);
      assertThat(QrDecoder.decode(InlineImage.qrCode("qr@test", link).data())).isEqualTo(link);
    }
  }

  @Test
  @DisplayName("is small: 1 bit per pixel, the repeated rows compressed away (under 1 KB for a link)")
  void small() {
    assertThat(InlineImage.qrCode("qr@test", URL).data().length).isLessThan(1024);
  }

  @Test
  @DisplayName("draws any scale and border the encoder is asked for")
  void otherScales() throws Exception {
    QrCode qr = QrCode.encodeText("scale", QrCode.Ecc.LOW);
    for (int scale : new int[] {1, 3, 8}) {
      for (int border : new int[] {0, 2}) {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrPng.encode(qr, scale, border)));
        int size = (qr.size + 2 * border) * scale;
        assertThat(image.getWidth()).isEqualTo(size);
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            boolean dark = qr.getModule(x / scale - border, y / scale - border);
            assertThat(image.getRGB(x, y) & 0xFFFFFF).isEqualTo(dark ? 0 : 0xFFFFFF);
          }
        }
      }
    }
  }
}
