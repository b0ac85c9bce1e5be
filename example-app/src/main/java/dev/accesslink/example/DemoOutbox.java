package dev.accesslink.example;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The demo outbox: e-mails and text messages the app would have sent, kept in memory (the newest
 * {@value #CAPACITY}) so that the admin page can show them. Only the admin API reads it. Thread-safe.
 */
final class DemoOutbox {
  static final int CAPACITY = 200;

  /**
   * One captured message.
   *
   * @param at when it was captured
   * @param channel EMAIL or SMS
   * @param to the normalized address
   * @param subject the e-mail subject; {@code null} for SMS
   * @param body the text body
   * @param url the visitor link in the message (the secret: demo only)
   * @param linkId the link's id
   */
  record Message(Instant at, String channel, String to, @Nullable String subject, String body, String url, String linkId) {
    @Override
    public String toString() {
      return "Message[" + channel + " to " + to + ", link " + linkId + "]";
    }
  }

  private final Deque<Message> messages = new ArrayDeque<>();

  synchronized void add(Message m) {
    messages.addFirst(m);
    while (messages.size() > CAPACITY) {
      messages.removeLast();
    }
  }

  /** Newest first. */
  synchronized List<Message> newestFirst() {
    return new ArrayList<>(messages);
  }
}
