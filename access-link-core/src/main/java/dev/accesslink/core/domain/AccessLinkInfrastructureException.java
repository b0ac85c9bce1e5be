package dev.accesslink.core.domain;

/**
 * A driven adapter failed for reasons that are not the caller's input: the database, broker or
 * mail server is down, a connection timed out, a constraint was violated unexpectedly.
 *
 * <p>This is the one unchecked type adapters throw for infrastructure failure. It is deliberately
 * not an {@link AccessLinkException}: a caller should answer it with "try again later", not with
 * "fix your input". An adapter throwing it guarantees that nothing was half-written.
 */
public class AccessLinkInfrastructureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AccessLinkInfrastructureException(String message, Throwable cause) {
    super(message, cause);
  }

  public AccessLinkInfrastructureException(String message) {
    super(message);
  }
}
