package dev.accesslink.email;

import dev.accesslink.core.port.out.DeliveryResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Classifies what jakarta.mail threw into a {@link DeliveryResult}. Not API; the table is in
 * {@code docs/email.md}.
 *
 * <p>Reasons are built only from reply codes and fixed words, never from the server's reply text
 * or an exception message, so they cannot carry the link, the recipient's address or anything
 * else the server chose to echo.
 */
final class SmtpFailures {
  /** An RFC 3463 enhanced status code at the start of a reply text, such as "5.1.1". */
  private static final Pattern ENHANCED =
      Pattern.compile("^\\s*(?:\\d{3}[ -])?([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

  private SmtpFailures() {}

  /**
   * Classifies a failure of sending the message itself (after the connection was set up): a reply
   * code is a sure refusal, but a timeout or a broken connection without a reply may have come
   * after the server took the message (the answer to the end of DATA lost): its outcome is unknown.
   */
  static DeliveryResult classifyDuringSend(MessagingException e) {
    DeliveryResult r = classify(e);
    if (r instanceof DeliveryResult.TransientFailure t && mayFollowHandOver(t.reason())) {
      return new DeliveryResult.OutcomeUnknown(t.reason());
    }
    return r;
  }

  private static boolean mayFollowHandOver(String reason) {
    return reason.equals("smtp.timeout") || reason.equals("smtp.io") || reason.equals("smtp.error")
        || reason.startsWith("smtp.no_reply");
  }

  static DeliveryResult classify(MessagingException e) {
    // The most specific evidence first: a reply code the server gave about the recipient or data.
    for (Throwable t : chain(e)) {
      // MAIL FROM refused: our sender, authentication or relay set-up is wrong, not the
      // recipient. Fixing the configuration helps, so the link must not be revoked.
      if (t instanceof SMTPSenderFailedException s) {
        return senderRefused(s.getReturnCode(), s.getMessage());
      }
      if (t instanceof SMTPSendFailedException s && isMailFrom(s.getCommand())) {
        return senderRefused(s.getReturnCode(), s.getMessage());
      }
    }
    for (Throwable t : chain(e)) {
      if (t instanceof SMTPAddressFailedException a) {
        return byCode(a.getReturnCode(), a.getMessage());
      }
    }
    for (Throwable t : chain(e)) {
      if (t instanceof SMTPSendFailedException s) {
        return byCode(s.getReturnCode(), s.getMessage());
      }
    }
    for (Throwable t : chain(e)) {
      if (t instanceof AuthenticationFailedException) {
        return new DeliveryResult.TransientFailure("smtp.auth");
      }
      if (t instanceof MailConnectException) {
        return new DeliveryResult.TransientFailure("smtp.connect");
      }
      if (t instanceof SocketTimeoutException) {
        return new DeliveryResult.TransientFailure("smtp.timeout");
      }
      if (t instanceof SSLException) {
        return new DeliveryResult.TransientFailure("smtp.tls");
      }
    }
    for (Throwable t : chain(e)) {
      String m = t.getMessage();
      if (m != null && m.toUpperCase(Locale.ROOT).contains("STARTTLS")) {
        return new DeliveryResult.TransientFailure("smtp.starttls");
      }
      if (t instanceof IOException) {
        return new DeliveryResult.TransientFailure("smtp.io");
      }
    }
    return new DeliveryResult.TransientFailure("smtp.error");
  }

  private static DeliveryResult senderRefused(int rc, @Nullable String text) {
    return new DeliveryResult.TransientFailure("smtp.sender." + code(rc) + enhanced(text));
  }

  private static boolean isMailFrom(@Nullable String command) {
    return command != null && command.regionMatches(true, 0, "MAIL FROM", 0, 9);
  }

  private static DeliveryResult byCode(int rc, @Nullable String text) {
    String reason = "smtp." + code(rc) + enhanced(text);
    if (rc >= 500 && rc < 600) {
      return new DeliveryResult.PermanentFailure(reason);
    }
    // 4xx and anything unexpected (-1: no reply) are worth another try.
    return new DeliveryResult.TransientFailure(reason);
  }

  private static String code(int rc) {
    return rc >= 200 && rc < 600 ? Integer.toString(rc) : "no_reply";
  }

  /** " 5.1.1" when the reply text starts with an enhanced status code, else "". */
  private static String enhanced(@Nullable String text) {
    if (text == null) {
      return "";
    }
    Matcher m = ENHANCED.matcher(text);
    return m.find() ? " " + m.group(1) : "";
  }

  /** The exception, its causes and its next-exception chain, each once, depth-limited. */
  private static Iterable<Throwable> chain(Throwable start) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<Throwable> todo = new ArrayDeque<>();
    List<Throwable> out = new ArrayList<>();
    todo.add(start);
    while (!todo.isEmpty() && out.size() < 32) {
      Throwable t = todo.poll();
      if (seen.put(t, Boolean.TRUE) != null) {
        continue;
      }
      out.add(t);
      if (t instanceof MessagingException me && me.getNextException() != null) {
        todo.add(me.getNextException());
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return out;
  }
}
