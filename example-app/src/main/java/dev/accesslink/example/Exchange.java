package dev.accesslink.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One HTTP request and its response, with the checks every JSON endpoint shares. Not thread-safe. */
final class Exchange {
  private final HttpExchange http;
  private final ObjectMapper json;
  private final int maxBodyBytes;
  private final List<String> segments;
  private @Nullable Map<String, String> query;

  Exchange(HttpExchange http, ObjectMapper json, int maxBodyBytes) {
    this.http = http;
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
    this.segments = segments(http.getRequestURI().getRawPath());
  }

  private static List<String> segments(@Nullable String rawPath) {
    List<String> out = new ArrayList<>();
    if (rawPath == null) {
      return out;
    }
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  String method() {
    return http.getRequestMethod().toUpperCase(Locale.ROOT);
  }

  List<String> segments() {
    return segments;
  }

  /** The request header, if present. */
  Optional<String> header(String name) {
    return Optional.ofNullable(http.getRequestHeaders().getFirst(name));
  }

  /** A query parameter, if present and not blank. */
  Optional<String> query(String name) {
    if (query == null) {
      Map<String, String> q = new HashMap<>();
      String raw = http.getRequestURI().getRawQuery();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          int eq = pair.indexOf('=');
          String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          q.putIfAbsent(k, v);
        }
      }
      query = q;
    }
    String v = query.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /**
   * The body: at most the configured size (413 beyond), {@code application/json} when not empty
   * (415 otherwise). Empty bytes when there is no body.
   */
  byte[] body() throws IOException {
    String length = http.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw new ApiProblem(400, "request.content_length", "The Content-Length header is not a number.");
      }
    }
    byte[] bytes;
    try (InputStream in = http.getRequestBody()) {
      bytes = in.readNBytes(maxBodyBytes + 1);
    }
    if (bytes.length > maxBodyBytes) {
      throw tooLarge();
    }
    if (bytes.length > 0 && !isJson(http.getRequestHeaders().getFirst("Content-Type"))) {
      throw new ApiProblem(415, "request.unsupported_media_type",
          "Send the body as JSON with 'Content-Type: application/json'.");
    }
    return bytes;
  }

  private ApiProblem tooLarge() {
    return new ApiProblem(413, "request.too_large", "The request body is larger than " + maxBodyBytes + " bytes.");
  }

  static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }

  /** The body as a JSON object: 415 unless JSON, 400 when missing, malformed or not an object. */
  JsonNode jsonObject() throws IOException {
    if (!isJson(http.getRequestHeaders().getFirst("Content-Type"))) {
      throw new ApiProblem(415, "request.unsupported_media_type",
          "Send the body as JSON with 'Content-Type: application/json'.");
    }
    byte[] bytes = body();
    if (bytes.length == 0) {
      throw new ApiProblem(400, "json.missing", "The request needs a JSON object as its body.");
    }
    JsonNode node;
    try {
      node = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      // the parser's message may quote the input: say where, not what
      throw new ApiProblem(400, "json.malformed", "The body is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
    }
    if (node == null || !node.isObject()) {
      throw new ApiProblem(400, "json.not_object", "The body must be a JSON object.");
    }
    return node;
  }

  /** Sends {@code body} as JSON with {@code status}; {@code null} body sends no content. */
  void sendJson(int status, @Nullable Object body) throws IOException {
    var h = http.getResponseHeaders();
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    if (body == null) {
      http.sendResponseHeaders(status, -1);
      http.close();
      return;
    }
    byte[] bytes = json.writeValueAsBytes(body);
    h.set("Content-Type", "application/json; charset=utf-8");
    send(status, bytes);
  }

  /** Sends a static file. */
  void sendBytes(int status, String contentType, byte[] bytes, Map<String, String> headers) throws IOException {
    var h = http.getResponseHeaders();
    h.set("Content-Type", contentType);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    headers.forEach(h::set);
    send(status, bytes);
  }

  void setHeader(String name, String value) {
    http.getResponseHeaders().set(name, value);
  }

  private void send(int status, byte[] bytes) throws IOException {
    if (method().equals("HEAD")) {
      http.sendResponseHeaders(status, -1);
      http.close();
      return;
    }
    http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(bytes);
    }
  }
}
