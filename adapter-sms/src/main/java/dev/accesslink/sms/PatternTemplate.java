package dev.accesslink.sms;

import dev.accesslink.core.port.out.LinkMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SmsTemplate#of}: a pattern with placeholders, fitted to two segments (the localized
 * standard template fits to one). Immutable.
 */
final class PatternTemplate implements SmsTemplate {
  /** The most segments the template aims for. */
  static final int MAX_SEGMENTS = 2;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final Set<String> KNOWN = Set.of("org", "firstName", "name", "group", "issuer", "url");
  /** Starting caps, in code points, so that a typical message fits before any fitting. */
  private static final Map<String, Integer> CAPS =
      Map.of("org", 40, "firstName", 25, "name", 40, "group", 40, "issuer", 30);

  private static final int MIN_FIELD = 6;

  private final String pattern;
  private final int maxSegments;

  PatternTemplate(String pattern) {
    this(pattern, MAX_SEGMENTS);
  }

  PatternTemplate(String pattern, int maxSegments) {
    this.maxSegments = maxSegments;
    Objects.requireNonNull(pattern, "pattern");
    Matcher m = PLACEHOLDER.matcher(pattern);
    boolean hasUrl = false;
    while (m.find()) {
      if (!KNOWN.contains(m.group(1))) {
        throw new IllegalArgumentException(
            "unknown placeholder {" + m.group(1) + "}; known: {org} {firstName} {name} {group} {issuer} {url}");
      }
      hasUrl |= m.group(1).equals("url");
    }
    if (!hasUrl) {
      throw new IllegalArgumentException("an SMS template must contain {url}");
    }
    this.pattern = pattern;
  }

  @Override
  public String render(LinkMessage message) {
    Map<String, String> values = new LinkedHashMap<>();
    String name = SmsText.cleanValue(message.recipient().name());
    values.put("org", SmsText.cleanValue(message.organizationName()));
    values.put("firstName", name.isEmpty() ? name : name.split(" ", 2)[0]);
    values.put("name", name);
    values.put("group", SmsText.cleanValue(message.groupName()));
    values.put("issuer", SmsText.cleanValue(message.issuerNameIfAny().orElse("")));
    values.replaceAll((k, v) -> SmsText.shorten(v, CAPS.get(k)));
    String url = message.url().reveal();

    String body = fill(values, url);
    // Aim at maxSegments, or at the fewest the shortest values can reach (a UCS-2 message with a
    // long URL never fits one segment: then names are not cut further than two segments need).
    Map<String, String> shortest = new LinkedHashMap<>(values);
    shortest.replaceAll((k, v) -> SmsText.shorten(v, MIN_FIELD));
    int target = Math.max(maxSegments, SmsText.segments(fill(shortest, url)));
    // Shorten the longest value until the body fits; the URL is never touched.
    while (SmsText.segments(body) > target) {
      String longest = null;
      int longestLength = MIN_FIELD;
      for (Map.Entry<String, String> e : values.entrySet()) {
        int len = e.getValue().codePointCount(0, e.getValue().length());
        if (len > longestLength && pattern.contains("{" + e.getKey() + "}")) {
          longest = e.getKey();
          longestLength = len;
        }
      }
      if (longest == null) {
        break; // nothing left to shorten: a very long base URL; send it as it is
      }
      values.put(longest, SmsText.shorten(values.get(longest), Math.max(MIN_FIELD, longestLength * 2 / 3)));
      body = fill(values, url);
    }
    return body;
  }

  private String fill(Map<String, String> values, String url) {
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      m.appendReplacement(sb, Matcher.quoteReplacement(key.equals("url") ? url : values.get(key)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The pattern (never a rendered message). */
  @Override
  public String toString() {
    return "SmsTemplate[" + pattern + "]";
  }
}
