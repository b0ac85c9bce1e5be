package dev.accesslink.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP responder on a real socket (127.0.0.1, random port) that speaks the protocol well
 * enough for jakarta.mail and answers the replies a test scripts: a 550 for RCPT, a 451 after
 * DATA, or nothing at all. GreenMail accepts every recipient, so rejections need this.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket server;
  private final String mailReply;
  private final String rcptReply;
  private final String dataReply;
  private final boolean silent;
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final List<String> messages = new CopyOnWriteArrayList<>();
  /** How long the answer to the end of the first message's DATA waits (the rest are answered at once). */
  private volatile java.time.Duration firstDataDelay = java.time.Duration.ZERO;
  private final java.util.concurrent.atomic.AtomicBoolean firstDataAnswered = new java.util.concurrent.atomic.AtomicBoolean();
  private final Thread acceptor;

  private ScriptedSmtpServer(String mailReply, String rcptReply, String dataReply, boolean silent)
      throws IOException {
    this.mailReply = mailReply;
    this.rcptReply = rcptReply;
    this.dataReply = dataReply;
    this.silent = silent;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "scripted-smtp-" + server.getLocalPort());
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  /** Accepts everything but answers RCPT with {@code reply}, such as "550 5.1.1 no such user". */
  static ScriptedSmtpServer rejectingRecipient(String reply) throws IOException {
    return new ScriptedSmtpServer("250 2.1.0 OK", reply, "250 2.0.0 queued", false);
  }

  /** Accepts the envelope but answers the end of DATA with {@code reply}. */
  static ScriptedSmtpServer rejectingData(String reply) throws IOException {
    return new ScriptedSmtpServer("250 2.1.0 OK", "250 2.1.5 OK", reply, false);
  }

  /** Accepts every message. */
  static ScriptedSmtpServer accepting() throws IOException {
    return new ScriptedSmtpServer("250 2.1.0 OK", "250 2.1.5 OK", "250 2.0.0 queued", false);
  }

  /** Answers MAIL FROM with {@code reply}. */
  static ScriptedSmtpServer rejectingSender(String reply) throws IOException {
    return new ScriptedSmtpServer(reply, "250 2.1.5 OK", "250 2.0.0 queued", false);
  }

  /**
   * Accepts every message, but answers the end of the first one's DATA only after {@code delay}
   * (the message is taken: a slow server whose "250 queued" comes after the client gave up);
   * every later message is answered at once.
   */
  static ScriptedSmtpServer acceptingFirstSlowly(java.time.Duration delay) throws IOException {
    ScriptedSmtpServer server = new ScriptedSmtpServer("250 2.1.0 OK", "250 2.1.5 OK", "250 2.0.0 queued", false);
    server.firstDataDelay = delay;
    return server;
  }

  /** The messages taken so far (everything between DATA and the final dot), in order. */
  List<String> messages() {
    return new ArrayList<>(messages);
  }

  /** Accepts connections and never says a word. */
  static ScriptedSmtpServer silent() throws IOException {
    return new ScriptedSmtpServer("", "", "", true);
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many connections were accepted so far. */
  int connections() {
    return clients.size();
  }

  /** Closes every client connection without a word, as a server does with idle clients; keeps listening. */
  void dropConnections() throws IOException {
    for (Socket s : clients) {
      s.close();
    }
  }

  /** How many received commands start with {@code verb}, such as "QUIT". */
  long count(String verb) {
    return commands.stream().filter(c -> c.regionMatches(true, 0, verb, 0, verb.length())).count();
  }

  /** The commands received so far (DATA content excluded). */
  List<String> commands() {
    return new ArrayList<>(commands);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        clients.add(s);
        if (silent) {
          continue; // hold the connection open and say nothing
        }
        Thread t = new Thread(() -> converse(s), "scripted-smtp-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void converse(Socket s) {
    try (s;
        BufferedReader in = new BufferedReader(
            new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream()) {
      send(out, "220 scripted.test ESMTP ready");
      String line;
      while ((line = in.readLine()) != null) {
        commands.add(line);
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
        switch (verb) {
          case "EHLO" -> send(out, "250-scripted.test\r\n250-8BITMIME\r\n250 SIZE 10485760");
          case "HELO" -> send(out, "250 scripted.test");
          case "MAIL" -> send(out, mailReply);
          case "RCPT" -> send(out, rcptReply);
          case "DATA" -> {
            send(out, "354 go ahead");
            StringBuilder message = new StringBuilder();
            String body;
            while ((body = in.readLine()) != null && !body.equals(".")) {
              message.append(body).append('\n');
            }
            messages.add(message.toString());
            if (!firstDataDelay.isZero() && firstDataAnswered.compareAndSet(false, true)) {
              java.util.concurrent.locks.LockSupport.parkNanos(firstDataDelay.toNanos()); // the slow server
            }
            send(out, dataReply);
          }
          case "RSET", "NOOP" -> send(out, "250 2.0.0 OK");
          case "QUIT" -> {
            send(out, "221 2.0.0 bye");
            return;
          }
          default -> send(out, "502 5.5.2 not implemented");
        }
      }
    } catch (SocketException e) {
      // client went away
    } catch (IOException e) {
      // client went away
    }
  }

  private static void send(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : clients) {
      s.close();
    }
  }
}
