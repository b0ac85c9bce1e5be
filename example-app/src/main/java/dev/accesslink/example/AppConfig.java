package dev.accesslink.example;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the example app is started with: the web server's own settings, typed, plus the raw
 * {@code ACCESSLINK_*} switches that select real adapters (database, SMTP, Twilio, MQTT), which
 * {@link CompositionRoot} reads. See {@code docs/configuration.md} for every switch.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the admin token or any password.
 *
 * @param port the HTTP port; 0 picks a free one
 * @param bindAddress the address the HTTP server listens on
 * @param publicUrl the URL people reach the app at (visitor links are built on it); {@code null}
 *     for {@code http://localhost:<port>}
 * @param adminToken the admin API token; {@code null} to generate one at start
 * @param dataDir where the embedded H2 database lives
 * @param dispatchInterval how often the library's own delivery dispatcher runs ({@code AccessLinksBuilder.dispatchEvery})
 * @param maxBodyBytes the largest accepted request body
 * @param settings the raw {@code ACCESSLINK_*} adapter switches (environment variables)
 * @param adminName the administrator's display name, which e-mails, text messages and the visitor
 *     page show ("Grace Hopper of Demo HQ"); checked like a person's name
 */
public record AppConfig(
    int port,
    String bindAddress,
    @Nullable URI publicUrl,
    @Nullable String adminToken,
    Path dataDir,
    Duration dispatchInterval,
    int maxBodyBytes,
    Map<String, String> settings,
    String adminName) {

  /** The default HTTP port. */
  public static final int DEFAULT_PORT = 8080;
  /** The administrator's display name when none is configured. */
  public static final String DEFAULT_ADMIN_NAME = "Demo Admin";

  public AppConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(dispatchInterval, "dispatchInterval");
    if (adminToken != null && adminToken.isBlank()) {
      adminToken = null;
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
    }
    settings = Map.copyOf(settings);
    try {
      adminName = AccessLink.checkIssuerName(adminName);
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException("ACCESSLINK_ADMIN_NAME: " + e.getMessage(), e);
    }
    if (adminName == null) {
      throw new IllegalArgumentException("ACCESSLINK_ADMIN_NAME: the administrator's display name is required");
    }
  }

  /** Defaults for everything: port 8080, localhost only, {@code ./data}, embedded adapters. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the configuration from environment variables and command-line arguments; {@code --port N}
   * wins over {@code ACCESSLINK_PORT}.
   *
   * @throws IllegalArgumentException for an unknown argument or a malformed value
   */
  public static AppConfig fromEnvironment(Map<String, String> env, String... args) {
    Builder b = builder();
    Map<String, String> settings = new HashMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith("ACCESSLINK_")) {
        settings.put(k, v);
      }
    });
    b.settings(settings);
    String port = env.get("ACCESSLINK_PORT");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--port") && i + 1 < args.length) {
        port = args[++i];
      } else if (a.startsWith("--port=")) {
        port = a.substring("--port=".length());
      } else {
        throw new IllegalArgumentException("unknown argument: " + a);
      }
    }
    if (port != null && !port.isBlank()) {
      try {
        b.port(Integer.parseInt(port.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the port is a number, got '" + port + "'", e);
      }
    }
    value(env, "ACCESSLINK_BIND").ifPresent(b::bindAddress);
    value(env, "ACCESSLINK_PUBLIC_URL").ifPresent(u -> b.publicUrl(URI.create(u)));
    value(env, "ACCESSLINK_ADMIN_TOKEN").ifPresent(b::adminToken);
    value(env, "ACCESSLINK_ADMIN_NAME").ifPresent(b::adminName);
    value(env, "ACCESSLINK_DATA_DIR").ifPresent(d -> b.dataDir(Path.of(d)));
    return b.build();
  }

  private static Optional<String> value(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** The adapter switch {@code key} (such as {@code ACCESSLINK_DB_URL}), if set and not blank. */
  public Optional<String> setting(String key) {
    return value(settings, key);
  }

  /** A fresh random admin token: 24 random bytes, base64url. */
  static String generateToken() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("AppConfig[port=").append(port).append(", bind=").append(bindAddress)
        .append(", publicUrl=").append(publicUrl).append(", dataDir=").append(dataDir)
        .append(", adminName=").append(adminName)
        .append(", adminToken=").append(adminToken == null ? "generated" : "set").append(", settings={");
    settings.keySet().stream().sorted().forEach(k -> {
      String lower = k.toLowerCase(Locale.ROOT);
      boolean secret = lower.contains("password") || lower.contains("token") || lower.contains("secret");
      s.append(k).append('=').append(secret ? "***" : settings.get(k)).append(", ");
    });
    return s.append("}]").toString();
  }

  /** Builds an {@link AppConfig}. Not thread-safe. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private String bindAddress = "127.0.0.1";
    private @Nullable URI publicUrl;
    private @Nullable String adminToken;
    private Path dataDir = Path.of("data");
    private Duration dispatchInterval = Duration.ofSeconds(3);
    private int maxBodyBytes = 16 * 1024;
    private Map<String, String> settings = Map.of();
    private String adminName = DEFAULT_ADMIN_NAME;

    private Builder() {}

    /**
     * The administrator's display name, shown to visitors ("Grace Hopper of Demo HQ"). Default
     * {@value AppConfig#DEFAULT_ADMIN_NAME}.
     */
    public Builder adminName(String adminName) {
      this.adminName = adminName;
      return this;
    }

    /** The HTTP port; 0 picks a free one. Default 8080. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The listening address. Default {@code 127.0.0.1}; {@code 0.0.0.0} for every interface. */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /** The public URL of the app, e.g. behind a proxy. Default {@code http://localhost:<port>}. */
    public Builder publicUrl(URI publicUrl) {
      this.publicUrl = publicUrl;
      return this;
    }

    /** The admin API token. Default: generated at start. */
    public Builder adminToken(String adminToken) {
      this.adminToken = adminToken;
      return this;
    }

    /** Where the embedded database lives. Default {@code ./data}. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** How often the delivery dispatcher runs. Default 3 s. */
    public Builder dispatchInterval(Duration dispatchInterval) {
      this.dispatchInterval = dispatchInterval;
      return this;
    }

    /** The largest accepted request body in bytes. Default 16 KiB. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The raw {@code ACCESSLINK_*} adapter switches. Default none: embedded adapters. */
    public Builder settings(Map<String, String> settings) {
      this.settings = Map.copyOf(settings);
      return this;
    }

    /** The configuration. */
    public AppConfig build() {
      return new AppConfig(port, bindAddress, publicUrl, adminToken, dataDir, dispatchInterval, maxBodyBytes, settings,
          adminName);
    }
  }
}
