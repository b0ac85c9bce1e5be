package dev.accesslink.core.spec;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.LinkSecret;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * The few test data factories the use-case specs need. (Core cannot use the testkit's {@code
 * Fixtures}: the testkit depends on core.)
 */
final class Fixtures {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fixed instant the specs start from: 2026-03-15T12:00:00Z. */
  static final Instant T0 = Instant.parse("2026-03-15T12:00:00Z");

  private Fixtures() {}

  /** The acting administrator of the specs. */
  static AdminId admin() {
    return AdminId.of("admin-1");
  }

  /** A fresh secret. */
  static LinkSecret secret() {
    return LinkSecret.generate(RANDOM);
  }

  /** {@code f(0)} to {@code f(n - 1)}. */
  static <T> java.util.List<T> times(int n, java.util.function.IntFunction<T> f) {
    return java.util.stream.IntStream.range(0, n).mapToObj(f).toList();
  }

  /** A new link id created at {@code at}. */
  static AccessLinkId linkId(Instant at) {
    return AccessLinkId.generate(at, RANDOM);
  }
}
