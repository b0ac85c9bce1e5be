package dev.accesslink.email;

import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.Translations;

/**
 * Turns a {@link LinkMessage} into a subject, a plain-text body and an HTML body. Replace it to
 * change wording, language or branding; implementations must be thread-safe.
 *
 * <p>An implementation owes three things: put the link ({@code message.url().reveal()}) in both
 * bodies, escape every value taken from the message in the HTML body (see {@link
 * #escapeHtml(String)}), and keep the subject on one line. Every text field of the message is
 * user-supplied. If rendering throws, the delivery fails permanently with reason {@code
 * email.template}; the exception's message is not recorded, so it may not be seen anywhere.
 */
@FunctionalInterface
public interface EmailTemplate {

  /**
   * Renders the e-mail for {@code message}.
   *
   * @param message what to say; its URL contains the secret
   * @return subject and bodies
   */
  RenderedEmail render(LinkMessage message);

  /**
   * The built-in template, written in the link's language ({@link LinkMessage#language()}; English,
   * Spanish, French and German are built in, any other language falls back to English key by key):
   * who sent the link ("Grace Hopper of Acme HQ") and for which place, the group and its doors,
   * the validity window in the language's words and the organization's zone, a button, a QR code
   * of the link (an inline PNG) with the link as text beside it, and what to do if it does not
   * work.
   */
  static EmailTemplate standard() {
    return StandardEmailTemplate.INSTANCE;
  }

  /**
   * The built-in template with other texts, such as {@code
   * EmailTemplate.builtInTranslations().withOverrides("com.acme.mail", Acme.class.getClassLoader())}:
   * a product's bundle overrides keys per language and adds languages (see {@code docs/email.md}).
   */
  static EmailTemplate standard(Translations texts) {
    return new StandardEmailTemplate(texts);
  }

  /**
   * The built-in texts, {@code dev/accesslink/email/messages*.properties} in this module's jar:
   * the keys to override are those of the English {@code messages.properties}.
   */
  static Translations builtInTranslations() {
    return StandardEmailTemplate.BUILT_IN;
  }

  /** Escapes {@code & < > " '} so that {@code text} is safe inside HTML text and attributes. */
  static String escapeHtml(String text) {
    return Texts.escapeHtml(text);
  }
}
