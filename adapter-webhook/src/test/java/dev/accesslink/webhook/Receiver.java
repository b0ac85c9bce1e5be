package dev.accesslink.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver on loopback (JDK's HttpServer): records every request and verifies its
 * signature with {@link WebhookVerifier}, as a product's endpoint would; answers 204 unless a
 * handler for its path says otherwise.
 */
final class Receiver implements AutoCloseable {
  record Request(String path, Map<String, String> headers, byte[] body, String verifiedId, String failure) {}

  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  final HttpServer server;
  final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  final List<Request> all = new ArrayList<>();
  private volatile WebhookVerifier verifier;
  private final Map<String, Handler> handlers = new java.util.concurrent.ConcurrentHashMap<>();

  Receiver(WebhookVerifier verifier) throws IOException {
    this.verifier = verifier;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "webhook-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::receive);
    server.start();
  }

  void verifier(WebhookVerifier v) {
    this.verifier = v;
  }

  void on(String path, Handler handler) {
    handlers.put(path, handler);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void receive(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
    String id = null;
    String failure = null;
    try {
      id = verifier.verify(name -> headers.get(name), body);
    } catch (WebhookVerificationException e) {
      failure = e.reason().name();
    }
    Request r = new Request(ex.getRequestURI().getPath(), headers, body, id, failure);
    synchronized (all) {
      all.add(r);
    }
    Handler h = handlers.get(ex.getRequestURI().getPath());
    if (h != null) {
      h.handle(ex);
    } else {
      ex.sendResponseHeaders(failure == null ? 204 : 400, -1);
    }
    ex.close();
    requests.add(r);
  }

  Request next() throws InterruptedException {
    Request r = requests.poll(60, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request within 60 s");
    }
    return r;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
