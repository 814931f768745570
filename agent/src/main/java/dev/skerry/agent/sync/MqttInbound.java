package dev.skerry.agent.sync;

import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.wire.Topics;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Where a message from the hub goes: a request to its command handler, a routed topic to its
 * handler, the desired topic to the {@link DesiredIntake}. Each is acknowledged by hand (manual
 * acks): routed messages and requests once their handler returns, a desired document only once it
 * is stored, so a document the agent could not store is delivered again on the next session.
 *
 * <p>Runs on Paho's callback thread and never blocks.
 */
final class MqttInbound {
  private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());

  private final String deviceId;
  private final DesiredIntake intake;
  private final Map<String, Consumer<byte[]>> routes = new ConcurrentHashMap<>();
  private final Map<String, CommandHandler> requests = new ConcurrentHashMap<>();

  MqttInbound(String deviceId, DesiredIntake intake) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.intake = Objects.requireNonNull(intake, "intake");
  }

  void route(String topic, Consumer<byte[]> handler) {
    routes.put(topic, handler);
  }

  void serve(String topic, CommandHandler handler) {
    requests.put(topic, handler);
    routes.put(topic, payload -> {}); // subscribed with the routed topics
  }

  /** The routed topics (requests included), subscribed on every connect before the desired one. */
  Set<String> routedTopics() {
    return routes.keySet();
  }

  /** Paho callback thread: hands the payload over and returns at once. */
  void arrived(MqttAsyncClient owner, String topic, MqttMessage message) {
    int id = message.getId();
    int qos = message.getQos();
    CommandHandler commands = requests.get(topic);
    if (commands != null) {
      MqttProperties p = message.getProperties();
      try {
        commands.accept(
            message.getPayload(),
            p == null ? null : p.getResponseTopic(),
            p == null ? null : p.getCorrelationData());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "handling a command failed", e);
      }
      ack(owner, id, qos);
      return;
    }
    if (!topic.equals(Topics.desired(deviceId))) {
      Consumer<byte[]> handler = routes.get(topic);
      try {
        if (handler != null) {
          handler.accept(message.getPayload());
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "handling a message on " + topic + " failed", e);
      }
      ack(owner, id, qos);
      return;
    }
    intake
        .accept(message.getPayload(), signatureOf(message))
        .whenComplete(
            (outcome, error) -> {
              if (error == null) {
                ack(owner, id, qos);
              } else {
                // Not acknowledged: the broker delivers it again on the next session.
                LOG.log(Level.SEVERE, "cannot store desired document; not acknowledged", error);
              }
            });
  }

  /** The {@code skerry-sig} user property (decision 0010), null if absent. */
  static String signatureOf(MqttMessage message) {
    MqttProperties p = message.getProperties();
    if (p == null || p.getUserProperties() == null) {
      return null;
    }
    for (var u : p.getUserProperties()) {
      if (DocumentSignature.PROPERTY.equals(u.getKey())) {
        return u.getValue();
      }
    }
    return null;
  }

  private static void ack(MqttAsyncClient owner, int id, int qos) {
    if (qos == 0) {
      return;
    }
    try {
      owner.messageArrivedComplete(id, qos);
    } catch (MqttException | RuntimeException e) {
      LOG.info("ack of message " + id + " failed: " + e);
    }
  }
}
