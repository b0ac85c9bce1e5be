package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How and when a link was revoked.
 *
 * @param at when
 * @param reason why
 * @param revokedBy the administrator, or {@code null} when the system revoked it (delivery failed)
 */
public record Revocation(Instant at, RevocationReason reason, @Nullable AdminId revokedBy) {
  public Revocation {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    if (reason == RevocationReason.ADMINISTRATOR && revokedBy == null) {
      throw new IllegalArgumentException("an administrator revocation names the administrator");
    }
  }

  /** Revoked by an administrator. */
  public static Revocation byAdministrator(AdminId admin, Instant at) {
    return new Revocation(at, RevocationReason.ADMINISTRATOR, Objects.requireNonNull(admin, "admin"));
  }

  /** Revoked by the system because delivery failed for good. */
  public static Revocation deliveryFailed(Instant at) {
    return new Revocation(at, RevocationReason.DELIVERY_FAILED, null);
  }

  /** The administrator, empty for a system revocation. */
  public Optional<AdminId> administrator() {
    return Optional.ofNullable(revokedBy);
  }
}
