package dev.accesslink.example;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * The API's JSON: one configured Jackson mapper (ISO-8601 instants, strict parsing, bounded
 * nesting, number and string sizes) and the parse that turns any malformed body into a 400 with
 * a typed code. Thread-safe.
 */
final class Json {
  /** The deepest nesting a request body may have; the API's own bodies are one level deep. */
  static final int MAX_DEPTH = 32;

  private Json() {}

  /** Jackson as the API wants it: ISO-8601 instants, strict parsing, small limits on input. */
  static ObjectMapper mapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(100)
            .maxStringLength(64 * 1024)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .build();
  }

  /**
   * Parses a request body: 400 {@code json.too_deep} past {@link #MAX_DEPTH} levels (or another
   * size limit), 400 {@code json.malformed} for anything else that is not JSON. The messages say
   * where, never what: a parser's message may quote the input.
   */
  static JsonNode parse(ObjectMapper json, byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw new ApiProblem(400, "json.too_deep", "The body is nested deeper than " + MAX_DEPTH
          + " levels or has a number or string that is too long.");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ApiProblem(400, "json.malformed", at == null ? "The body is not valid JSON."
          : "The body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ").");
    } catch (IOException e) {
      throw new ApiProblem(400, "json.malformed", "The body is not valid JSON.");
    }
  }

  /** Refuses a field of {@code body} not in {@code known}: 400 {@code json.unknown_field}, naming the known ones. */
  static void onlyFields(JsonNode body, Set<String> known) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new ApiProblem(400, "json.unknown_field", "Unknown field '" + name + "'. Known fields: "
            + String.join(", ", known.stream().sorted().toList()) + ".", name);
      }
    }
  }
}
