package dev.accesslink.email;

import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A QR code as a PNG: 1 bit per pixel grayscale (black modules on white), {@code scale} pixels
 * per module and a quiet zone of {@code border} modules.
 *
 * <p>Written directly rather than through {@code javax.imageio}: filling a {@code BufferedImage}
 * pixel by pixel and letting {@code ImageIO.write} pick a writer, cache the stream in a temporary
 * file and filter every row five ways cost about 2.5 ms of CPU per message, which made the QR
 * code most of the e-mail adapter's own cost. Here each row of modules is drawn once and its
 * copies are stored with PNG's "Up" filter (all zero bytes), so deflating is cheap. The format
 * (PNG 1.2, ISO/IEC 15948): signature, {@code IHDR}, one {@code IDAT}, {@code IEND}. Not API.
 */
final class QrPng {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte FILTER_NONE = 0;
  private static final byte FILTER_UP = 2;

  private QrPng() {}

  static byte[] encode(QrCode qr, int scale, int border) {
    if (scale < 1 || border < 0) {
      throw new IllegalArgumentException("scale >= 1, border >= 0");
    }
    int size = (qr.size + 2 * border) * scale;
    int stride = 1 + (size + 7) / 8; // the filter type byte, then 8 pixels a byte, the first in the high bit
    byte[] raw = new byte[size * stride];
    for (int y = 0; y < size; y++) {
      int row = y * stride;
      if (y % scale != 0) {
        // a copy of the row above: "Up" leaves all zero differences, which deflate to almost nothing
        raw[row] = FILTER_UP;
        continue;
      }
      raw[row] = FILTER_NONE;
      int moduleY = y / scale - border;
      int modules = qr.size + 2 * border;
      for (int m = 0; m < modules; m++) {
        // bit 1 is white in 1-bit grayscale; getModule is false (light) outside the symbol. One
        // look-up per module, then its scale pixels (a look-up per pixel was most of this method)
        if (!qr.getModule(m - border, moduleY)) {
          for (int x = m * scale, end = x + scale; x < end; x++) {
            raw[row + 1 + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
          }
        }
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream(1024);
    png.writeBytes(SIGNATURE);
    byte[] header = new byte[13];
    putInt(header, 0, size);
    putInt(header, 4, size);
    header[8] = 1; // bit depth
    header[9] = 0; // colour type: grayscale
    // compression 0 (deflate), filter method 0 (adaptive), no interlace: bytes 10 to 12 stay 0
    chunk(png, "IHDR", header, header.length);
    ByteArrayOutputStream deflated = new ByteArrayOutputStream(1024);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(raw);
      deflater.finish();
      byte[] buffer = new byte[2048];
      while (!deflater.finished()) {
        deflated.write(buffer, 0, deflater.deflate(buffer));
      }
    } finally {
      deflater.end();
    }
    chunk(png, "IDAT", deflated.toByteArray(), deflated.size());
    chunk(png, "IEND", new byte[0], 0);
    return png.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data, int length) {
    byte[] head = new byte[8];
    putInt(head, 0, length);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, head, 4, 4);
    png.write(head, 0, 8);
    png.write(data, 0, length);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data, 0, length);
    byte[] sum = new byte[4];
    putInt(sum, 0, (int) crc.getValue());
    png.write(sum, 0, 4);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
