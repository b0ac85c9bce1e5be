package dev.accesslink.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose Message-ID we choose: Angus would otherwise derive its domain from the
 * local host name, which leaks internal names and hurts spam scores. Not API.
 */
final class LinkMimeMessage extends MimeMessage {
  private final String messageId;

  LinkMimeMessage(Session session, String messageId) {
    super(session);
    this.messageId = messageId;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
