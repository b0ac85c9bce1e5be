package dev.accesslink.sms;

import dev.accesslink.core.port.out.LinkMessage;

/**
 * Renders the body of the SMS that carries a link. Replaceable: pass another template to {@link
 * SmsLinkNotifier#withTemplate}, either a pattern ({@link #of}) or any function of the {@link
 * LinkMessage}.
 *
 * <p>Whatever the template returns, the notifier removes control characters (except line feeds)
 * and refuses to send a body without the link URL. Implementations must be thread-safe and must
 * not log the message (it holds the secret URL).
 */
@FunctionalInterface
public interface SmsTemplate {

  /** The default pattern: {@value}. */
  String DEFAULT_PATTERN = "{org}: Hi {firstName}, your access link: {url}";

  /**
   * The body for {@code message}; must contain {@code message.url().reveal()} unchanged.
   *
   * @param message what to send
   * @return the SMS text
   */
  String render(LinkMessage message);

  /** The default template, {@value #DEFAULT_PATTERN}, fitted to at most two segments. */
  static SmsTemplate standard() {
    return PatternTemplate.DEFAULT;
  }

  /**
   * A template from a pattern with the placeholders {@code {org}} (the organization or place),
   * {@code {firstName}}, {@code {name}} (the recipient's full name), {@code {group}} and {@code
   * {url}} (required). Placeholder values are cleaned (control characters removed, typographic
   * quotes, dashes and accents turned into GSM-7 look-alikes so the message stays GSM-7 where
   * possible) and shortened when the body would take more than two segments; the URL is never
   * changed.
   *
   * @throws IllegalArgumentException if the pattern lacks {@code {url}} or has an unknown
   *     placeholder
   */
  static SmsTemplate of(String pattern) {
    return new PatternTemplate(pattern);
  }
}
