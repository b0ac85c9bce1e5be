package dev.accesslink.core.domain;

/**
 * Base type of every expected, documented failure of the access-link use cases: bad input, an
 * unknown organization, group or link, an exhausted quota.
 *
 * <p>Each subtype has a stable {@link #code()} that callers can switch on (and map to an HTTP
 * status, say) and a message a person can act on. Messages never contain a link secret. Failures
 * of the infrastructure (database, broker, mail server down) are a different type: {@link
 * AccessLinkInfrastructureException}.
 */
public abstract class AccessLinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  protected AccessLinkException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** A stable, dotted, lower-case code such as {@code "quota.exhausted"}; part of the API. */
  public String code() {
    return code;
  }
}
