package dev.accesslink.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's key for sealing webhook secrets when {@code ACCESSLINK_WEBHOOK_KEY} is not set: 32
 * random bytes in base64, created once in the data directory (owner-only where the file system
 * allows). A product keeps this key in its secret manager instead, away from the database.
 */
final class WebhookKeyFile {
  private WebhookKeyFile() {}

  static byte[] readOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
          Files.writeString(Files.createFile(file), Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
          try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions apply
          }
        } catch (FileAlreadyExistsException e) {
          // another start created it first: read theirs
        }
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
      if (key.length != 32) {
        throw new IllegalArgumentException(file + " does not hold a 32-byte base64 key");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the webhook key file " + file, e);
    }
  }
}
