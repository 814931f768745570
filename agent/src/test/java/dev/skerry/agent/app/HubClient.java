package dev.skerry.agent.app;

import dev.skerry.agent.security.TestSigner;
import dev.skerry.core.identity.DocumentSignature;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A Paho client playing the hub in integration tests: publishes and records what it receives. Made
 * with a {@link TestSigner}, it signs every non-empty desired document it publishes, as the hub
 * does, so the agent under test takes its real verification path.
 */
final class HubClient implements AutoCloseable {
  record Received(String topic, byte[] payload, boolean retained) {
    String text() {
      return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final MqttClient client;
  private final TestSigner signer;
  final List<Received> received = new CopyOnWriteArrayList<>();

  /** A hub that publishes desired documents unsigned (for agents in legacy mode only). */
  HubClient(String url) throws MqttException {
    this(url, null);
  }

  /** A hub that signs desired documents with {@code signer} (null: unsigned). */
  HubClient(String url, TestSigner signer) throws MqttException {
    this.signer = signer;
    client = new MqttClient(url, "hub-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    client.connect(o);
  }

  void subscribe(String filter) throws MqttException {
    client.subscribe(
        new MqttSubscription[] {new MqttSubscription(filter, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, m) -> received.add(new Received(topic, m.getPayload(), m.isRetained()))
        });
  }

  void publish(String topic, byte[] payload, boolean retained) throws MqttException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    m.setRetained(retained);
    if (signer != null && topic.endsWith("/desired") && payload.length > 0) {
      MqttProperties p = new MqttProperties();
      p.setUserProperties(
          List.of(new UserProperty(DocumentSignature.PROPERTY, signer.sign(payload))));
      m.setProperties(p);
    }
    client.publish(topic, m);
  }

  List<Received> on(String topic) {
    return received.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
