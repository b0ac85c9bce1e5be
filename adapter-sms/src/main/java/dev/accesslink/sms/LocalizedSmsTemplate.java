package dev.accesslink.sms;

import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.Translations;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link SmsTemplate#standard()}: the pattern of the link's language ({@code sms.named} when the
 * sender's name is known, else {@code sms.anonymous}), fitted to one segment. Thread-safe.
 */
final class LocalizedSmsTemplate implements SmsTemplate {
  static final Translations BUILT_IN =
      Translations.of("dev.accesslink.sms.messages", LocalizedSmsTemplate.class.getClassLoader());
  static final LocalizedSmsTemplate DEFAULT = new LocalizedSmsTemplate(BUILT_IN);

  /** A link's SMS aims at one segment: Twilio bills per segment. */
  static final int TARGET_SEGMENTS = 1;

  private final Translations texts;
  private final ConcurrentMap<String, PatternTemplate> patterns = new ConcurrentHashMap<>();

  LocalizedSmsTemplate(Translations texts) {
    this.texts = Objects.requireNonNull(texts, "texts");
  }

  @Override
  public String render(LinkMessage message) {
    String key = message.issuerNameIfAny().isPresent() ? "sms.named" : "sms.anonymous";
    String pattern = texts.text(message.language(), key);
    return patterns.computeIfAbsent(pattern, p -> new PatternTemplate(p, TARGET_SEGMENTS)).render(message);
  }

  /** The bundles (never a message). */
  @Override
  public String toString() {
    return "SmsTemplate[" + texts + "]";
  }
}
