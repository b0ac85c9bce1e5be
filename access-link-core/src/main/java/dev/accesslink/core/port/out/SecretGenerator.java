package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.LinkSecret;
import java.security.SecureRandom;

/** Mints link secrets. The default draws 256 bits from {@link SecureRandom}. Thread-safe. */
@FunctionalInterface
public interface SecretGenerator {

  /** A fresh secret. */
  LinkSecret next();

  /** The default: 32 bytes from a {@link SecureRandom}. */
  static SecretGenerator secureRandom() {
    SecureRandom random = new SecureRandom();
    return () -> LinkSecret.generate(random);
  }
}
