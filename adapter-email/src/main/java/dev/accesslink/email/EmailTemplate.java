package dev.accesslink.email;

import dev.accesslink.core.port.out.LinkMessage;

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
   * The built-in English template: who sent the link and for which place, the group and its
   * doors, the validity window in the organization's zone, the link, and what to do if it does
   * not work.
   */
  static EmailTemplate standard() {
    return StandardEmailTemplate.INSTANCE;
  }

  /** Escapes {@code & < > " '} so that {@code text} is safe inside HTML text and attributes. */
  static String escapeHtml(String text) {
    return Texts.escapeHtml(text);
  }
}
