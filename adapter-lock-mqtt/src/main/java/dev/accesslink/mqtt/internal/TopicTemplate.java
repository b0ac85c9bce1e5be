package dev.accesslink.mqtt.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A topic with placeholders such as {@code accesslink/{organization}/doors/{door}/commands}. Each
 * placeholder fills one whole topic level, so a template can be turned into a subscription filter
 * ({@code +} for each open placeholder) and a received topic can be matched back to its values.
 * Immutable.
 */
public final class TopicTemplate {
  /** The placeholders of door topics (command, availability). */
  public static final Set<String> DOOR_PLACEHOLDERS = Set.of("organization", "door");
  /** The placeholders of the response topic. */
  public static final Set<String> REPLY_PLACEHOLDERS = Set.of("organization", "client");

  private final String template;
  private final List<String> levels;

  private TopicTemplate(String template, List<String> levels) {
    this.template = template;
    this.levels = levels;
  }

  /**
   * Parses and checks a template.
   *
   * @param allowed the placeholder names it may use
   * @param required the placeholder names it must use
   */
  public static TopicTemplate parse(String template, String what, Set<String> allowed, Set<String> required) {
    Topics.checkName(template, what);
    List<String> levels = List.of(template.split("/", -1));
    Set<String> seen = new java.util.HashSet<>();
    for (String level : levels) {
      if (level.contains("{") || level.contains("}")) {
        if (!level.startsWith("{") || !level.endsWith("}") || level.indexOf('{', 1) >= 0
            || level.indexOf('}') != level.length() - 1) {
          throw new IllegalArgumentException(what + ": a placeholder must be a whole topic level: " + template);
        }
        String name = level.substring(1, level.length() - 1);
        if (!allowed.contains(name)) {
          throw new IllegalArgumentException(what + ": unknown placeholder {" + name + "} in " + template
              + "; allowed: " + allowed);
        }
        seen.add(name);
      }
    }
    List<String> missing = required.stream().filter(r -> !seen.contains(r)).sorted().map(r -> "{" + r + "}").toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(what + " must contain " + String.join(" and ", missing) + ": " + template);
    }
    return new TopicTemplate(template, levels);
  }

  /** The template with every placeholder replaced (each value must be a valid single level). */
  public String expand(Map<String, String> values) {
    return join(values, false);
  }

  /** A subscription filter: given placeholders replaced, the others as {@code +}. */
  public String filter(Map<String, String> fixed) {
    return join(fixed, true);
  }

  private String join(Map<String, String> values, boolean wildcardMissing) {
    List<String> out = new ArrayList<>(levels.size());
    for (String level : levels) {
      if (level.startsWith("{")) {
        String name = level.substring(1, level.length() - 1);
        String v = values.get(name);
        if (v == null) {
          if (!wildcardMissing) {
            throw new IllegalArgumentException("no value for {" + name + "} in " + template);
          }
          out.add("+");
        } else {
          out.add(Topics.checkLevel(v, name));
        }
      } else {
        out.add(level);
      }
    }
    return String.join("/", out);
  }

  /** The placeholder values if {@code topic} is an instance of this template. */
  public Optional<Map<String, String>> match(String topic) {
    String[] parts = topic.split("/", -1);
    if (parts.length != levels.size()) {
      return Optional.empty();
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String level = levels.get(i);
      if (level.startsWith("{")) {
        if (parts[i].isEmpty()) {
          return Optional.empty();
        }
        values.put(level.substring(1, level.length() - 1), parts[i]);
      } else if (!level.equals(parts[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(values);
  }

  public String text() {
    return template;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicTemplate t && t.template.equals(template);
  }

  @Override
  public int hashCode() {
    return Objects.hash(template);
  }

  @Override
  public String toString() {
    return template;
  }
}
