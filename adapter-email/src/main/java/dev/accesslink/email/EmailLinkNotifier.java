package dev.accesslink.email;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.LinkNotifier;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The EMAIL {@link LinkNotifier}: validates e-mail addresses and sends each link as a {@code
 * multipart/alternative} message (text, then HTML, both UTF-8) over SMTP with jakarta.mail
 * (Eclipse Angus Mail).
 *
 * <p>Thread-safe: one instance serves any number of concurrent deliveries, each on an SMTP
 * connection of its own. After a message was accepted its connection stays open for the next
 * ones, up to {@link SmtpSettings#maxIdleConnections()} connections for {@link
 * SmtpSettings#connectionIdleTimeout()} each (checked with {@code NOOP} before reuse; {@link
 * #close()} closes them). It never retries by itself (the core's dispatcher does),
 * never throws from {@link #normalize} or {@link #deliver}, and never logs anything, so the link
 * cannot leak through it. See {@code docs/email.md} for the address codes and the failure table.
 *
 * <pre>{@code
 * LinkNotifier email = EmailLinkNotifier.create(SmtpSettings.builder()
 *     .host("smtp.example.com")
 *     .credentials("access@acme.example", password)
 *     .fromAddress("access@acme.example")
 *     .fromName("Acme Access")
 *     .build());
 * }</pre>
 */
public final class EmailLinkNotifier implements LinkNotifier, AutoCloseable {
  private static final String PROTOCOL = "smtp";
  private static final SecureRandom RANDOM = new SecureRandom();
  /**
   * Times the writes of every connection (see {@link SmtpSettings#writeTimeout()}): one daemon
   * thread, started on the first write, ended after a minute without one.
   */
  private static final ScheduledThreadPoolExecutor WRITE_TIMEOUTS =
      DaemonTimer.named("access-links-smtp-write-timeouts");

  private final SmtpSettings settings;
  private final EmailTemplate template;
  private final Clock clock;
  private final Session session;
  private final InternetAddress from;
  private final SmtpConnections connections;

  private EmailLinkNotifier(SmtpSettings settings, EmailTemplate template, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.template = Objects.requireNonNull(template, "template");
    this.clock = Objects.requireNonNull(clock, "clock");
    Properties properties = sessionProperties(settings);
    // Angus enforces the write timeout with a timer per connection: its own one-thread scheduler,
    // started and shut down for every message, unless it is given one (the writes are few and
    // short, so one thread serves every connection of this notifier)
    properties.put("mail." + PROTOCOL + ".executor.writetimeout", WRITE_TIMEOUTS);
    this.session = Session.getInstance(properties);
    this.session.setDebug(false);
    this.connections = new SmtpConnections(session, PROTOCOL, settings);
    try {
      this.from = settings.fromName().isPresent()
          ? new InternetAddress(settings.fromAddress(), settings.fromName().get(), "UTF-8")
          : new InternetAddress(settings.fromAddress(), true);
    } catch (MessagingException | UnsupportedEncodingException e) {
      // SmtpSettings validated the address already; this cannot happen.
      throw new IllegalArgumentException("From address is not valid", e);
    }
  }

  /** A notifier with the {@linkplain EmailTemplate#standard() standard template}. */
  public static EmailLinkNotifier create(SmtpSettings settings) {
    return create(settings, EmailTemplate.standard());
  }

  /** A notifier with its own template. */
  public static EmailLinkNotifier create(SmtpSettings settings, EmailTemplate template) {
    return create(settings, template, Clock.systemUTC());
  }

  /**
   * A notifier with its own template and clock.
   *
   * @param clock gives the Date header
   */
  public static EmailLinkNotifier create(
      SmtpSettings settings, EmailTemplate template, Clock clock) {
    return new EmailLinkNotifier(settings, template, clock);
  }

  /** Always {@link DeliveryChannel#EMAIL}. */
  @Override
  public DeliveryChannel channel() {
    return DeliveryChannel.EMAIL;
  }

  /**
   * Validates one address as a person typed it: trimmed, exactly one plain address (no display
   * name, no list), a dotted domain converted to lower-case ASCII (IDNA), the local part's case
   * kept. Refusals carry a stable code such as {@code email.syntax}; see {@code docs/email.md}.
   * Never throws and never does I/O.
   */
  @Override
  public AddressCheck normalize(String rawAddress) {
    try {
      return EmailAddresses.normalize(rawAddress);
    } catch (RuntimeException e) {
      // Defensive: the checks are plain string code, but a refusal beats an exception here.
      return AddressCheck.invalid("email.syntax", "This is not a valid e-mail address.");
    }
  }

  /**
   * Renders and sends the message. The result is {@link DeliveryResult.Sent} with the
   * Message-ID, or a failure whose reason is a short code such as {@code smtp.550 5.1.1} (see
   * {@code docs/email.md}): 5xx rejections of the recipient or the message are permanent;
   * 4xx replies, connection, timeout, TLS and authentication problems, and a refused sender are
   * transient. Never throws.
   */
  @Override
  public DeliveryResult deliver(LinkMessage message) {
    Objects.requireNonNull(message, "message");
    if (message.recipient().channel() != DeliveryChannel.EMAIL) {
      return new DeliveryResult.PermanentFailure("email.channel");
    }
    AddressCheck check = normalize(message.address());
    if (check instanceof AddressCheck.Invalid invalid) {
      return new DeliveryResult.PermanentFailure(invalid.code());
    }
    String to = ((AddressCheck.Valid) check).normalized();

    RenderedEmail content;
    try {
      content = template.render(message);
    } catch (RuntimeException e) {
      return new DeliveryResult.PermanentFailure("email.template");
    }
    if (content == null) {
      return new DeliveryResult.PermanentFailure("email.template");
    }
    if (Texts.hasControlOrInvisible(content.subject())) {
      // A line break here would be a header injection; the same template will always do it again.
      return new DeliveryResult.PermanentFailure("email.template.subject");
    }

    MimeMessage mime;
    try {
      mime = build(message, to, content);
    } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
      return new DeliveryResult.PermanentFailure("email.message");
    }
    try {
      return send(mime);
    } catch (MessagingException e) {
      return SmtpFailures.classify(e);
    } catch (RuntimeException e) {
      // may have happened after the hand-over: keep the message's secret alive
      return new DeliveryResult.OutcomeUnknown("email.unexpected");
    }
  }

  private MimeMessage build(LinkMessage message, String to, RenderedEmail content)
      throws MessagingException, UnsupportedEncodingException {
    String domain = settings.fromAddress().substring(settings.fromAddress().lastIndexOf('@') + 1);
    byte[] nonce = new byte[8];
    RANDOM.nextBytes(nonce);
    String messageId = "<" + message.link() + "." + HexFormat.of().formatHex(nonce) + "@" + domain + ">";

    MimeBody body = new MimeBody(HexFormat.of().formatHex(nonce));
    MimeMessage mime = new LinkMimeMessage(session, messageId, body.write(content), body.contentType());
    mime.setFrom(from);
    mime.setRecipient(Message.RecipientType.TO, recipient(to, message.recipient().name()));
    mime.setSubject(content.subject(), StandardCharsets.UTF_8.name());
    mime.setSentDate(Date.from(clock.instant()));
    // RFC 3834: a machine sent this; auto-responders (vacation replies) should stay quiet.
    mime.setHeader("Auto-Submitted", "auto-generated");
    mime.setHeader("X-Auto-Response-Suppress", "All");
    mime.saveChanges();
    return mime;
  }

  /** The recipient with their name as display name, unless the name could not be a header. */
  private static InternetAddress recipient(String address, String name)
      throws MessagingException, UnsupportedEncodingException {
    String personal = Texts.clean(name);
    if (personal.isEmpty() || personal.length() > 200) {
      return new InternetAddress(address, true);
    }
    return new InternetAddress(address, personal, StandardCharsets.UTF_8.name());
  }

  private DeliveryResult send(MimeMessage mime) throws MessagingException {
    SmtpConnections.Connection connection = connections.open();
    boolean accepted = false;
    try {
      connection.transport().sendMessage(mime, mime.getAllRecipients());
      accepted = true;
    } catch (MessagingException e) {
      // once the envelope is under way, a failure without a reply may follow the hand-over
      return SmtpFailures.classifyDuringSend(e);
    } finally {
      if (accepted) {
        connections.keep(connection);
      } else {
        connections.discard(connection);
      }
    }
    String id = mime.getMessageID();
    return new DeliveryResult.Sent(id == null ? "" : id);
  }

  /**
   * Closes the connections kept for the next messages (with {@code QUIT}). Deliveries after this
   * still work, each on a connection of its own that is closed after its message. Idempotent.
   */
  @Override
  public void close() {
    connections.close();
  }

  static Properties sessionProperties(SmtpSettings s) {
    Properties p = new Properties();
    String prefix = "mail." + PROTOCOL + ".";
    p.put("mail.transport.protocol", PROTOCOL);
    // The protocol trace contains the message and so the link: never switch it on from here.
    p.put("mail.debug", "false");
    p.put("mail.debug.auth", "false");
    p.put(prefix + "host", s.host());
    p.put(prefix + "port", Integer.toString(s.port()));
    p.put(prefix + "from", s.fromAddress());
    p.put(prefix + "connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
    p.put(prefix + "timeout", Long.toString(s.readTimeout().toMillis()));
    p.put(prefix + "writetimeout", Long.toString(s.writeTimeout().toMillis()));
    p.put(prefix + "auth", Boolean.toString(s.credentials().isPresent()));
    switch (s.security()) {
      case NONE -> {
        p.put(prefix + "starttls.enable", "false");
        p.put(prefix + "ssl.enable", "false");
      }
      case STARTTLS_REQUIRED -> {
        p.put(prefix + "starttls.enable", "true");
        p.put(prefix + "starttls.required", "true");
      }
      case STARTTLS_OPTIONAL -> {
        p.put(prefix + "starttls.enable", "true");
        p.put(prefix + "starttls.required", "false");
      }
      case IMPLICIT_TLS -> p.put(prefix + "ssl.enable", "true");
    }
    p.put(prefix + "ssl.checkserveridentity", Boolean.toString(s.checkServerIdentity()));
    s.sslSocketFactory().ifPresent(f -> p.put(prefix + "ssl.socketFactory", f));
    s.localHostName().ifPresent(n -> p.put(prefix + "localhost", n));
    return p;
  }

  /** The SMTP server and security mode; never the password. */
  @Override
  public String toString() {
    return "EmailLinkNotifier[" + settings.host() + ":" + settings.port() + ", "
        + settings.security() + ", from=" + settings.fromAddress() + "]";
  }
}
