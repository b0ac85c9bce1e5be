package dev.accesslink.core.port.out;

import java.util.Objects;

/** The result of {@link LinkNotifier#normalize}: a normalized address, or why it is refused. */
public sealed interface AddressCheck {

  /** The address is usable; {@code normalized} is what will be stored and sent to. */
  record Valid(String normalized) implements AddressCheck {
    public Valid {
      Objects.requireNonNull(normalized, "normalized");
    }
  }

  /**
   * The address is refused.
   *
   * @param code a stable, dotted error code such as {@code "phone.region.not_allowed"}
   * @param message what is wrong, for a person; it may quote no more of the input than is needed
   */
  record Invalid(String code, String message) implements AddressCheck {
    public Invalid {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Shorthand for {@code new Valid(normalized)}. */
  static AddressCheck valid(String normalized) {
    return new Valid(normalized);
  }

  /** Shorthand for {@code new Invalid(code, message)}. */
  static AddressCheck invalid(String code, String message) {
    return new Invalid(code, message);
  }
}
