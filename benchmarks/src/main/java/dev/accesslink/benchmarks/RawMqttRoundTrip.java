package dev.accesslink.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The MQTT floor: a raw Eclipse Paho v5 request/reply round trip, nothing else. A requester
 * publishes a QoS 1 command (response topic, correlation data, message expiry) and waits for the
 * QoS 1 reply that a raw responder publishes at once. Both sockets set {@code TCP_NODELAY}.
 */
final class RawMqttRoundTrip implements AutoCloseable {
  private final MqttAsyncClient requester;
  private final MqttAsyncClient responder;
  private final String commandTopic;
  private final String replyTopic;
  private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

  RawMqttRoundTrip(String serverUri) throws MqttException {
    String id = UUID.randomUUID().toString().substring(0, 8);
    this.commandTopic = "bench/floor/" + id + "/command";
    this.replyTopic = "bench/floor/" + id + "/reply";
    this.responder = new MqttAsyncClient(serverUri, "bench-floor-lock-" + id, new MemoryPersistence());
    this.requester = new MqttAsyncClient(serverUri, "bench-floor-ctl-" + id, new MemoryPersistence());
    responder.setCallback(new Callback() {
      @Override
      public void messageArrived(String topic, MqttMessage m) throws MqttException {
        MqttProperties p = new MqttProperties();
        p.setCorrelationData(m.getProperties().getCorrelationData());
        responder.publish(m.getProperties().getResponseTopic(),
            new MqttMessage("{\"status\":\"unlocked\"}".getBytes(StandardCharsets.UTF_8), 1, false, p));
      }
    });
    requester.setCallback(new Callback() {
      @Override
      public void messageArrived(String topic, MqttMessage m) {
        CompletableFuture<Void> f =
            pending.remove(new String(m.getProperties().getCorrelationData(), StandardCharsets.UTF_8));
        if (f != null) {
          f.complete(null);
        }
      }
    });
    connect(responder, commandTopic);
    connect(requester, replyTopic);
  }

  private static void connect(MqttAsyncClient client, String topic) throws MqttException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setSocketFactory(new NoDelay());
    o.setReceiveMaximum(65_535);
    client.connect(o).waitForCompletion(10_000);
    IMqttToken t = client.subscribe(topic, 1);
    t.waitForCompletion(10_000);
  }

  /** One command and its reply. */
  void roundTrip() throws Exception {
    String correlation = UUID.randomUUID().toString();
    CompletableFuture<Void> reply = new CompletableFuture<>();
    pending.put(correlation, reply);
    MqttProperties p = new MqttProperties();
    p.setResponseTopic(replyTopic);
    p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
    p.setMessageExpiryInterval(10L);
    requester.publish(commandTopic, new MqttMessage(
        ("{\"command\":\"unlock\",\"id\":\"" + correlation + "\"}").getBytes(StandardCharsets.UTF_8), 1, false, p));
    reply.get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws MqttException {
    for (MqttAsyncClient c : new MqttAsyncClient[] {requester, responder}) {
      if (c.isConnected()) {
        c.disconnect().waitForCompletion(5_000);
      }
      c.close();
    }
  }

  private abstract static class Callback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse r) {}

    @Override
    public void mqttErrorOccurred(MqttException e) {}

    @Override
    public void deliveryComplete(IMqttToken t) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  /** Plain sockets with Nagle's algorithm off. */
  static final class NoDelay extends SocketFactory {
    private static Socket tune(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      return s;
    }

    @Override
    public Socket createSocket() throws IOException {
      return tune(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return tune(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
      return tune(new Socket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return tune(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
      return tune(new Socket(host, port, local, localPort));
    }
  }
}
