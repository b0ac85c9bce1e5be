package dev.accesslink.sms;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the SMS adapter talks to Twilio. Immutable and thread-safe; build one with {@link
 * #builder()}.
 *
 * <p>The account SID and the auth token are credentials: {@link #toString()} redacts both, and
 * no exception message of this class quotes them.
 *
 * <p>The settings (each has an accessor of the same name):
 *
 * <ul>
 *   <li>{@code accountSid}: the Twilio account SID ({@code AC} followed by 32 hex digits); also the user name of HTTP basic authentication
 *   <li>{@code authToken}: the account's auth token; the basic-auth password and the key that signs status callbacks
 *   <li>{@code sender}: who the message comes from: a phone number or a Messaging Service
 *   <li>{@code allowedRegions}: ISO 3166 region codes whose numbers may receive links (default US, CA, PR)
 *   <li>{@code apiBaseUrl}: where API requests go instead of {@code https://api.twilio.com}, such as a test server or an egress proxy; empty for Twilio itself
 *   <li>{@code statusCallbackUrl}: where Twilio should post delivery status updates, if anywhere
 *   <li>{@code connectTimeout}: how long to wait for a TCP connection to the API
 *   <li>{@code requestTimeout}: how long to wait for the API's answer to one request
 * </ul>
 */
public final class TwilioSettings {

  /** The regions allowed when none are configured: United States, Canada, Puerto Rico. */
  public static final Set<String> DEFAULT_ALLOWED_REGIONS = Set.of("US", "CA", "PR");

  /** Default {@link #connectTimeout()}: 5 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default {@link #requestTimeout()}: 20 seconds, well inside the dispatcher's lease. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{5,6}");

  private final String accountSid;
  private final String authToken;
  private final Sender sender;
  private final Set<String> allowedRegions;
  private final Optional<URI> apiBaseUrl;
  private final Optional<URI> statusCallbackUrl;
  private final Duration connectTimeout;
  private final Duration requestTimeout;

  private TwilioSettings(
      String accountSid,
      String authToken,
      Sender sender,
      Set<String> allowedRegions,
      Optional<URI> apiBaseUrl,
      Optional<URI> statusCallbackUrl,
      Duration connectTimeout,
      Duration requestTimeout) {
    Objects.requireNonNull(accountSid, "accountSid");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(allowedRegions, "allowedRegions");
    Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
    Objects.requireNonNull(statusCallbackUrl, "statusCallbackUrl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (!ACCOUNT_SID.matcher(accountSid).matches()) {
      throw new IllegalArgumentException(
          "accountSid must be 'AC' followed by 32 hexadecimal digits (value not shown)");
    }
    if (authToken.isBlank() || authToken.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      throw new IllegalArgumentException(
          "authToken must be non-blank printable ASCII without spaces (value not shown)");
    }
    allowedRegions = checkRegions(allowedRegions);
    apiBaseUrl.ifPresent(u -> checkHttpUrl(u, "apiBaseUrl"));
    statusCallbackUrl.ifPresent(u -> checkHttpUrl(u, "statusCallbackUrl"));
    checkPositive(connectTimeout, "connectTimeout");
    checkPositive(requestTimeout, "requestTimeout");
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.sender = sender;
    this.allowedRegions = allowedRegions;
    this.apiBaseUrl = apiBaseUrl;
    this.statusCallbackUrl = statusCallbackUrl;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  /** The account SID. A credential: handle with care. */
  public String accountSid() {
    return accountSid;
  }

  /** The auth token. A credential: handle with care. */
  public String authToken() {
    return authToken;
  }

  /** Who the messages come from. */
  public Sender sender() {
    return sender;
  }

  /** Region codes whose numbers may receive links, upper case. */
  public Set<String> allowedRegions() {
    return allowedRegions;
  }

  /** Where API requests go instead of Twilio, if anywhere. */
  public Optional<URI> apiBaseUrl() {
    return apiBaseUrl;
  }

  /** Where Twilio posts status updates, if anywhere. */
  public Optional<URI> statusCallbackUrl() {
    return statusCallbackUrl;
  }

  /** The TCP connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The timeout of one API request. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Equal when every setting is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TwilioSettings other
        && Objects.equals(accountSid, other.accountSid) && Objects.equals(authToken, other.authToken) && Objects.equals(sender, other.sender) && Objects.equals(allowedRegions, other.allowedRegions) && Objects.equals(apiBaseUrl, other.apiBaseUrl) && Objects.equals(statusCallbackUrl, other.statusCallbackUrl) && Objects.equals(connectTimeout, other.connectTimeout) && Objects.equals(requestTimeout, other.requestTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountSid, authToken, sender, allowedRegions, apiBaseUrl, statusCallbackUrl, connectTimeout, requestTimeout);
  }

  /** A new builder; account SID, auth token and a sender are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.accountSid = accountSid;
    b.authToken = authToken;
    b.sender = sender;
    b.allowedRegions = allowedRegions;
    b.apiBaseUrl = apiBaseUrl.orElse(null);
    b.statusCallbackUrl = statusCallbackUrl.orElse(null);
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    return b;
  }

  /** Shows every setting except the credentials, which appear as {@code [redacted]}. */
  @Override
  public String toString() {
    return "TwilioSettings[accountSid=[redacted], authToken=[redacted], sender="
        + sender
        + ", allowedRegions="
        + new TreeSet<>(allowedRegions)
        + ", apiBaseUrl="
        + apiBaseUrl.map(URI::toString).orElse("(Twilio)")
        + ", statusCallbackUrl="
        + statusCallbackUrl.map(URI::toString).orElse("(none)")
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }

  private static Set<String> checkRegions(Set<String> regions) {
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("allowedRegions must name at least one region");
    }
    Set<String> supported = PhoneNumberUtil.getInstance().getSupportedRegions();
    TreeSet<String> upper = new TreeSet<>();
    for (String r : regions) {
      String code = Objects.requireNonNull(r, "region").strip().toUpperCase(Locale.ROOT);
      if (!supported.contains(code)) {
        throw new IllegalArgumentException("unknown region code in allowedRegions: '" + r + "'");
      }
      upper.add(code);
    }
    return Set.copyOf(upper);
  }

  private static void checkHttpUrl(URI url, String name) {
    String scheme = url.getScheme();
    if (!url.isAbsolute()
        || url.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(name + " must be an absolute http(s) URL: " + url);
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(name + " must not carry credentials");
    }
  }

  private static void checkPositive(Duration d, String name) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** Who an SMS comes from: one phone number, or a Twilio Messaging Service that picks one. */
  public sealed interface Sender {

    /** Sends from {@code number}: an E.164 number such as {@code +15017122661} or a short code. */
    static Sender number(String number) {
      return new FromNumber(number);
    }

    /** Sends through the Messaging Service {@code sid} ({@code MG} followed by 32 hex digits). */
    static Sender messagingService(String sid) {
      return new MessagingService(sid);
    }

    /**
     * A phone number of the account (form parameter {@code From}).
     *
     * @param number E.164 number or a 5–6 digit short code
     */
    record FromNumber(String number) implements Sender {
      /** Checks the number's form. */
      public FromNumber {
        Objects.requireNonNull(number, "number");
        if (!E164.matcher(number).matches() && !SHORT_CODE.matcher(number).matches()) {
          throw new IllegalArgumentException(
              "a sender number must be E.164 (such as +15017122661) or a short code: " + number);
        }
      }
    }

    /**
     * A Messaging Service (form parameter {@code MessagingServiceSid}); Twilio picks the number.
     *
     * @param sid the service SID
     */
    record MessagingService(String sid) implements Sender {
      /** Checks the SID's form. */
      public MessagingService {
        Objects.requireNonNull(sid, "sid");
        if (!MESSAGING_SERVICE_SID.matcher(sid).matches()) {
          throw new IllegalArgumentException(
              "a Messaging Service SID is 'MG' followed by 32 hexadecimal digits: " + sid);
        }
      }
    }
  }

  /** Builds {@link TwilioSettings}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String accountSid;
    private @Nullable String authToken;
    private @Nullable Sender sender;
    private Set<String> allowedRegions = DEFAULT_ALLOWED_REGIONS;
    private @Nullable URI apiBaseUrl;
    private @Nullable URI statusCallbackUrl;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    private Builder() {}

    /** The account SID (required). */
    public Builder accountSid(String accountSid) {
      this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
      return this;
    }

    /** The auth token (required). */
    public Builder authToken(String authToken) {
      this.authToken = Objects.requireNonNull(authToken, "authToken");
      return this;
    }

    /** Send from this E.164 number or short code (this or a Messaging Service is required). */
    public Builder fromNumber(String number) {
      this.sender = Sender.number(number);
      return this;
    }

    /** Send through this Messaging Service (this or a number is required). */
    public Builder messagingServiceSid(String sid) {
      this.sender = Sender.messagingService(sid);
      return this;
    }

    /** The sender, as a {@link Sender}. */
    public Builder sender(Sender sender) {
      this.sender = Objects.requireNonNull(sender, "sender");
      return this;
    }

    /** Regions whose numbers may receive links, such as {@code Set.of("US", "CA", "PR")}. */
    public Builder allowedRegions(Set<String> regions) {
      this.allowedRegions = Set.copyOf(regions);
      return this;
    }

    /** Sends API requests to {@code baseUrl} (scheme, host, port) instead of Twilio. */
    public Builder apiBaseUrl(URI baseUrl) {
      this.apiBaseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** Asks Twilio to post status updates of each message to {@code url}. */
    public Builder statusCallbackUrl(URI url) {
      this.statusCallbackUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** TCP connect timeout (default 5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Timeout of one API request (default 20 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException if a required setting is missing or malformed
     */
    public TwilioSettings build() {
      if (accountSid == null || authToken == null || sender == null) {
        throw new IllegalArgumentException(
            "accountSid, authToken and a sender (fromNumber or messagingServiceSid) are required");
      }
      return new TwilioSettings(
          accountSid,
          authToken,
          sender,
          allowedRegions,
          Optional.ofNullable(apiBaseUrl),
          Optional.ofNullable(statusCallbackUrl),
          connectTimeout,
          requestTimeout);
    }
  }
}
