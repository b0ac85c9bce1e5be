package dev.accesslink.mqtt;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A plain MQTT 5 client for tests: publishes by hand and records what it receives. */
final class RawClient implements AutoCloseable {
  record Received(String topic, MqttMessage message) {}

  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final MqttAsyncClient client;

  RawClient(String uri) throws MqttException {
    this(uri, "raw-" + UUID.randomUUID().toString().substring(0, 12), null, null);
  }

  /** A client logged in as {@code user} (when not null) with client id {@code clientId}. */
  RawClient(String uri, String clientId, String user, String password) throws MqttException {
    client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse r) {}

      @Override
      public void mqttErrorOccurred(MqttException e) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, message));
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverURI) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    if (user != null) {
      o.setUserName(user);
      o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    client.connect(o).waitForCompletion(5000);
  }

  RawClient subscribe(String... filters) throws MqttException {
    MqttSubscription[] subs = new MqttSubscription[filters.length];
    for (int i = 0; i < filters.length; i++) {
      subs[i] = new MqttSubscription(filters[i], 1);
    }
    client.subscribe(subs).waitForCompletion(5000);
    return this;
  }

  /** Subscribes to {@code filter} and returns the broker's reason code (0x87: not authorized). */
  int trySubscribe(String filter) {
    try {
      IMqttToken t = client.subscribe(new MqttSubscription(filter, 1));
      t.waitForCompletion(5000);
      return t.getReasonCodes()[0];
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  /** Publishes QoS 1 and returns the broker's PUBACK reason code (0x87: not authorized). */
  int tryPublish(String topic, byte[] payload, MqttProperties properties) {
    try {
      IMqttToken t = client.publish(topic, new MqttMessage(payload, 1, false, properties));
      t.waitForCompletion(5000);
      int[] codes = t.getReasonCodes();
      return codes == null || codes.length == 0 ? 0 : codes[0];
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  void publish(String topic, byte[] payload, boolean retained, MqttProperties properties) throws MqttException {
    client.publish(topic, new MqttMessage(payload, 1, retained, properties)).waitForCompletion(5000);
  }

  Received next(long seconds) throws InterruptedException {
    Received r = received.poll(seconds, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no message within " + seconds + " s");
    }
    return r;
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5000);
    }
    client.close(true);
  }
}
