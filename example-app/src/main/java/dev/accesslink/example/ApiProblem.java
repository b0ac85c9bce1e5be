package dev.accesslink.example;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the web layer refuses: becomes {@code {error:{code, message, field?, ...details}}} with
 * {@link #status()}. Messages never quote a secret.
 */
final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final @Nullable String field;
  private final transient Map<String, Object> details = new LinkedHashMap<>();
  private final transient Map<String, String> headers = new LinkedHashMap<>();

  ApiProblem(int status, String code, String message, @Nullable String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  ApiProblem(int status, String code, String message) {
    this(status, code, message, null);
  }

  ApiProblem with(String key, @Nullable Object value) {
    details.put(key, value);
    return this;
  }

  /** Adds {@code Retry-After: seconds} to the answer. */
  ApiProblem retryAfter(long seconds) {
    headers.put("Retry-After", Long.toString(Math.max(1, seconds)));
    return this;
  }

  /** Adds a response header. */
  ApiProblem header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The response headers this problem sets (such as {@code Retry-After} or {@code Allow}). */
  Map<String, String> headers() {
    return headers;
  }

  int status() {
    return status;
  }

  /** The {@code error} object. */
  Map<String, Object> body() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", getMessage());
    if (field != null) {
      error.put("field", field);
    }
    error.putAll(details);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    return body;
  }
}
