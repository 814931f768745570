package dev.skerry.hub.it;

import dev.skerry.core.wire.Ack;
import dev.skerry.core.wire.Command;
import dev.skerry.core.wire.CommandResponse;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 client that acts as a device: presence, reports, desired documents received. */
final class FakeDevice implements AutoCloseable {
  /**
   * A desired document as received, with the message's retain flag, its exact bytes and its {@code
   * skerry-sig} user property (null when absent).
   */
  record Received(DesiredDocument doc, boolean retained, byte[] payload, String signature) {}

  final String id;
  private final MqttClient client;
  private final List<Received> desired = new CopyOnWriteArrayList<>();
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong lastAck = new AtomicLong(-1);
  private volatile java.util.function.Function<Command, CommandResponse> answer;

  FakeDevice(String brokerUrl, String id) throws MqttException {
    this(brokerUrl, id, 0);
  }

  /** A device whose next report has sequence number {@code lastSeq + 1}, like an agent restart. */
  FakeDevice(String brokerUrl, String id, long lastSeq) throws MqttException {
    this(brokerUrl, id, lastSeq, null);
  }

  /** Over TLS ({@code mqtts://}) trusting what {@code tls} trusts. */
  FakeDevice(String brokerUrl, String id, long lastSeq, javax.net.ssl.SSLSocketFactory tls)
      throws MqttException {
    this.id = id;
    seq.set(lastSeq);
    String tcp = brokerUrl.replace("mqtts://", "ssl://").replace("mqtt://", "tcp://");
    this.client = new MqttClient(tcp, "test-device-" + id, new MemoryPersistence());
    client.setCallback(new Collector());
    MqttConnectionOptions options = new MqttConnectionOptions();
    if (tls != null) {
      options.setSocketFactory(tls);
    }
    options.setCleanStart(true);
    options.setSessionExpiryInterval(0L);
    client.connect(options);
  }

  /** Subscribes to this device's desired topic; retained documents arrive at once. */
  FakeDevice subscribeDesired() throws MqttException {
    client.subscribe(Topics.desired(id), 1);
    return this;
  }

  /** Publishes retained presence {@code state} with session epoch {@code epoch}. */
  void presence(String state, long epoch) throws MqttException {
    publish(Topics.presence(id), new Presence(1, id, state, epoch, Instant.now()), true);
  }

  void online() throws MqttException {
    publish(Topics.presence(id), new Presence(1, id, Presence.ONLINE, 1, Instant.now()), true);
  }

  void report(Map<String, String> labels, List<WorkloadStatus> workloads) throws MqttException {
    publish(
        Topics.reported(id),
        new StatusReport(
            1, id, seq.incrementAndGet(), Instant.now(), "0.1.0-test", labels, 0, 0, workloads),
        false);
  }

  /** Publishes event number {@code eventSeq} (QoS 1). */
  void event(long eventSeq, long droppedThrough) throws MqttException {
    publish(
        Topics.events(id),
        new Event(
            1,
            id,
            eventSeq,
            Instant.now(),
            "web",
            "restart",
            "restart " + eventSeq,
            droppedThrough),
        false);
  }

  /**
   * Answers every command with {@code answer} on the request's response topic and correlation data
   * (from another thread: Paho's callback thread must not publish and wait).
   */
  FakeDevice answerCommands(java.util.function.Function<Command, CommandResponse> answer)
      throws MqttException {
    this.answer = answer;
    client.subscribe(Topics.commands(id), 1);
    return this;
  }

  /** Subscribes to this device's ack topic; see {@link #lastAck()}. */
  FakeDevice subscribeAcks() throws MqttException {
    client.subscribe(Topics.ack(id), 1);
    return this;
  }

  /** The newest {@code eventsThrough} the hub acknowledged, -1 before any. */
  long lastAck() {
    return lastAck.get();
  }

  void publishRaw(String topic, byte[] payload) throws MqttException {
    client.publish(topic, payload, 1, false);
  }

  List<Received> desired() {
    return List.copyOf(desired);
  }

  /** Removes the retained messages this device and the hub left on the broker. */
  void clearRetained() throws MqttException {
    client.publish(Topics.presence(id), new byte[0], 1, true);
    client.publish(Topics.desired(id), new byte[0], 1, true);
    client.publish(Topics.ack(id), new byte[0], 1, true);
  }

  private void publish(String topic, Object message, boolean retained) throws MqttException {
    try {
      client.publish(topic, WireJson.mapper().writeValueAsBytes(message), 1, retained);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }

  private static String signature(MqttMessage message) {
    if (message.getProperties() == null || message.getProperties().getUserProperties() == null) {
      return null;
    }
    return message.getProperties().getUserProperties().stream()
        .filter(p -> p.getKey().equals(dev.skerry.core.identity.DocumentSignature.PROPERTY))
        .map(p -> p.getValue())
        .findFirst()
        .orElse(null);
  }

  private final class Collector implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      if (topic.equals(Topics.commands(id)) && answer != null) {
        Command cmd = WireJson.mapper().readValue(message.getPayload(), Command.class);
        String responseTopic = message.getProperties().getResponseTopic();
        byte[] correlation = message.getProperties().getCorrelationData();
        byte[] reply = WireJson.mapper().writeValueAsBytes(answer.apply(cmd));
        new Thread(
                () -> {
                  try {
                    MqttMessage m = new MqttMessage(reply);
                    m.setQos(1);
                    MqttProperties p = new MqttProperties();
                    p.setCorrelationData(correlation);
                    m.setProperties(p);
                    client.publish(responseTopic, m);
                  } catch (MqttException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .start();
      }
      if (topic.equals(Topics.ack(id)) && message.getPayload().length > 0) {
        lastAck.set(WireJson.mapper().readValue(message.getPayload(), Ack.class).eventsThrough());
      }
      if (topic.equals(Topics.desired(id)) && message.getPayload().length > 0) {
        desired.add(
            new Received(
                WireJson.mapper().readValue(message.getPayload(), DesiredDocument.class),
                message.isRetained(),
                message.getPayload(),
                signature(message)));
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
