package dev.accesslink.core.domain;

/**
 * An organization's quota limits, one per channel. {@link #UNLIMITED} means no limit.
 *
 * @param email links sent by e-mail that may exist at the same time (default 1000)
 * @param sms links sent by SMS that may be created per calendar month (default 10)
 * @param manual manual links that may exist at the same time (default unlimited)
 */
public record QuotaLimits(long email, long sms, long manual) {
  /** No limit. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  private static final QuotaLimits DEFAULTS = new QuotaLimits(1000, 10, UNLIMITED);

  public QuotaLimits {
    check("email", email);
    check("sms", sms);
    check("manual", manual);
  }

  private static void check(String field, long limit) {
    if (limit < 0) {
      throw new InvalidInputException(
          "quota.limit.negative", field, "A quota limit is zero or more, got " + limit + ".");
    }
  }

  /** EMAIL 1000 live links, SMS 10 per month, MANUAL unlimited. */
  public static QuotaLimits defaults() {
    return DEFAULTS;
  }

  /** The limit for {@code channel}. */
  public long limitFor(DeliveryChannel channel) {
    return switch (channel) {
      case EMAIL -> email;
      case SMS -> sms;
      case MANUAL -> manual;
    };
  }

  /** A copy with {@code channel}'s limit replaced. */
  public QuotaLimits with(DeliveryChannel channel, long limit) {
    return switch (channel) {
      case EMAIL -> new QuotaLimits(limit, sms, manual);
      case SMS -> new QuotaLimits(email, limit, manual);
      case MANUAL -> new QuotaLimits(email, sms, limit);
    };
  }
}
