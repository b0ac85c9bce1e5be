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

  /**
   * A message whose body is {@code body}, MIME bytes already encoded, of type {@code contentType}
   * (see {@link MimeBody}): written as they are, without the part objects that jakarta.mail would
   * build, look providers up for and encode again.
   */
  LinkMimeMessage(Session session, String messageId, byte[] body, String contentType)
      throws MessagingException {
    super(session);
    this.messageId = messageId;
    this.content = body;
    setHeader("Content-Type", contentType);
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }

  /**
   * The headers that describe the message itself; the body's own headers are in its bytes, and
   * {@code MimeMessage}'s version would parse the body back into parts to fill them in.
   */
  @Override
  protected synchronized void updateHeaders() throws MessagingException {
    setHeader("MIME-Version", "1.0");
    updateMessageID();
    if (getHeader("Date") == null) {
      throw new IllegalStateException("the Date header is set before the message is saved");
    }
  }

  /** Saves the headers and keeps the body's bytes as they are ({@code writeTo} copies them). */
  @Override
  public void saveChanges() throws MessagingException {
    super.saveChanges();
    modified = false;
  }
}
