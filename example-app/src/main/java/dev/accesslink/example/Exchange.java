package dev.accesslink.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request and its response over Javalin's {@link Context}, with the checks every JSON
 * endpoint shares: body size (413), media type (415), JSON shape (400). Not thread-safe.
 */
final class Exchange {
  private static final byte[] NO_BODY = new byte[0];
  /** Jetty's cached spelling of the API's content type: set as is, it is not parsed again per answer. */
  static final String JSON_UTF_8 = "application/json;charset=utf-8";
  private final Context ctx;
  private final ObjectMapper json;
  private final int maxBodyBytes;
  /**
   * The most of a refused body read to its end before the 413 (a few times the API's largest body:
   * at the minimum upload rate a worker waits at most about a minute for it).
   */
  static final int DRAIN_LIMIT = 64 * 1024;

  Exchange(Context ctx, ObjectMapper json, int maxBodyBytes) {
    this.ctx = ctx;
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The request method, upper case. */
  String method() {
    return ctx.req().getMethod().toUpperCase(Locale.ROOT);
  }

  /** A path parameter of the matched route; 400 {@code request.malformed} when it cannot be decoded. */
  String path(String name) {
    try {
      return ctx.pathParam(name);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
  }

  private static ApiProblem malformed() {
    return new ApiProblem(400, "request.malformed", "The address has a malformed %-escape.");
  }

  /** The client's address, as the connection shows it (no forwarding header is trusted). */
  String clientAddress() {
    return ctx.req().getRemoteAddr();
  }

  /** How many times the request carries the header {@code name}. */
  int headerCount(String name) {
    return java.util.Collections.list(ctx.req().getHeaders(name)).size();
  }

  /** The request header, if present. */
  Optional<String> header(String name) {
    return Optional.ofNullable(ctx.header(name));
  }

  /**
   * The query parameter {@code name} as a whole number: {@code absent} when it is missing, -1 when
   * it is not a number (so that the caller's range check refuses it).
   */
  int intQuery(String name, int absent) {
    Optional<String> v = query(name);
    if (v.isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * A query parameter (its first value), if present and not blank. The whole query string is
   * decoded strictly: a malformed %-escape or invalid UTF-8 anywhere in it is 400 {@code
   * request.malformed}, never a parameter silently dropped (a dropped {@code externalRef} would
   * list every link instead of the matching ones).
   */
  Optional<String> query(String name) {
    String raw = ctx.queryString();
    String v = null;
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String n = decodeStrictly(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decodeStrictly(pair.substring(eq + 1));
        if (v == null && n.equals(name)) {
          v = value;
        }
      }
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** Decodes {@code application/x-www-form-urlencoded} text; 400 {@code request.malformed} for a bad escape or bad UTF-8. */
  static String decodeStrictly(String text) {
    if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
      return text;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= text.length()) {
          throw malformed();
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw malformed();
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '%' && text.charAt(end) != '+') {
          end++;
        }
        byte[] b = text.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        i = end - 1;
      }
    }
    try {
      return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw malformed();
    }
  }

  /**
   * The body: at most the configured size (413 beyond), {@code application/json} when not empty
   * (415 otherwise). Empty bytes when there is no body.
   */
  byte[] body() throws IOException {
    String length = ctx.header("Content-Length");
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new ApiProblem(400, "request.content_length", "The Content-Length header is not a number.");
      }
      if (declared > maxBodyBytes) {
        throw tooLarge(declared <= DRAIN_LIMIT ? DRAIN_LIMIT : -1);
      }
      if (declared == 0) {
        return NO_BODY; // nothing to read (the unlock button's POST): no read buffer, no read
      }
    }
    byte[] bytes;
    InputStream in = ctx.req().getInputStream();
    bytes = in.readNBytes(maxBodyBytes + 1);
    if (bytes.length > maxBodyBytes) {
      throw tooLarge(DRAIN_LIMIT - bytes.length);
    }
    if (bytes.length > 0 && !isJson(ctx.header("Content-Type"))) {
      throw new ApiProblem(415, "request.unsupported_media_type",
          "Send the body as JSON with 'Content-Type: application/json'.");
    }
    return bytes;
  }

  /**
   * The body as {@code application/x-www-form-urlencoded} parameters (as Twilio posts its
   * callbacks): at most the configured size (413 beyond), 415 for another content type, 400 when
   * it cannot be decoded. A repeated name keeps its first value.
   */
  Map<String, String> form() throws IOException {
    String type = ctx.header("Content-Type");
    if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new ApiProblem(415, "request.unsupported_media_type",
          "Send the body as 'Content-Type: application/x-www-form-urlencoded'.");
    }
    byte[] bytes = ctx.req().getInputStream().readNBytes(maxBodyBytes + 1);
    if (bytes.length > maxBodyBytes) {
      throw tooLarge(DRAIN_LIMIT - bytes.length);
    }
    Map<String, String> params = new java.util.LinkedHashMap<>();
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    try {
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        params.putIfAbsent(name, value);
      }
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(400, "request.malformed", "The form body has a malformed %-escape.");
    }
    return params;
  }

  /**
   * 413. The rest of the refused body is read and dropped first, at most {@code drainBudget} more
   * bytes (none when negative): a client still sending it then reads the answer, and the connection
   * stays usable, where closing it under a sending client breaks its pipe before it reads the 413
   * (as Tomcat's {@code maxSwallowSize} does). A body longer than that, or one that stalls, gets
   * {@code Connection: close}: its unread rest must not be taken for the next request.
   */
  private ApiProblem tooLarge(long drainBudget) {
    ApiProblem tooLarge = new ApiProblem(413, "request.too_large",
        "The request body is larger than " + maxBodyBytes + " bytes.");
    return drainBudget >= 0 && drained(drainBudget) ? tooLarge : tooLarge.header("Connection", "close");
  }

  /** Reads and drops the rest of the body; true if it ended within {@code budget} bytes. */
  private boolean drained(long budget) {
    byte[] sink = new byte[4096];
    long left = budget;
    try {
      InputStream in = ctx.req().getInputStream();
      while (left >= 0) {
        int n = in.read(sink, 0, (int) Math.min(sink.length, left + 1));
        if (n < 0) {
          return true;
        }
        left -= n;
      }
    } catch (IOException e) {
      // the client went, or sent slower than the minimum rate: close
    }
    return false;
  }

  static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }

  /** The body as a JSON object: 415 unless JSON, 400 when missing, malformed, too deep or not an object. */
  JsonNode jsonObject() throws IOException {
    if (!isJson(ctx.header("Content-Type"))) {
      throw new ApiProblem(415, "request.unsupported_media_type",
          "Send the body as JSON with 'Content-Type: application/json'.");
    }
    byte[] bytes = body();
    if (bytes.length == 0) {
      throw new ApiProblem(400, "json.missing", "The request needs a JSON object as its body.");
    }
    JsonNode node = Json.parse(json, bytes);
    if (node == null || !node.isObject()) {
      throw new ApiProblem(400, "json.not_object", "The body must be a JSON object.");
    }
    return node;
  }

  /** Sends {@code body} as JSON with {@code status}; {@code null} body sends no content. */
  void sendJson(int status, @Nullable Object body) throws IOException {
    ctx.header("Cache-Control", "no-store");
    ctx.status(status);
    if (body == null) {
      return;
    }
    ctx.contentType(JSON_UTF_8);
    ctx.result(json.writeValueAsBytes(body));
  }

  /**
   * Sends a flat JSON object of string fields, {@code name, value, name, value, ...}, written
   * straight by Jackson's generator (no map, no serializer lookup): the shape {@link
   * #sendJson(int, Object)} gives the same fields in a map.
   */
  void sendJsonFields(int status, String... namesAndValues) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(128);
    try (com.fasterxml.jackson.core.JsonGenerator g = json.getFactory().createGenerator(out)) {
      g.writeStartObject();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        g.writeStringField(namesAndValues[i], namesAndValues[i + 1]);
      }
      g.writeEndObject();
    }
    ctx.header("Cache-Control", "no-store");
    ctx.status(status);
    ctx.contentType(JSON_UTF_8);
    ctx.result(out.toByteArray());
  }

  /** Sends a static file with extra headers. */
  void sendBytes(int status, String contentType, byte[] bytes, Map<String, String> headers) {
    headers.forEach(ctx::header);
    ctx.status(status);
    ctx.contentType(contentType);
    ctx.result(bytes);
  }

  void setHeader(String name, String value) {
    ctx.header(name, value);
  }
}
