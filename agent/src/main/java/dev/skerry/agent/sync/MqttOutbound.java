package dev.skerry.agent.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * What the agent sends over the current connection: plain publishes (reports, events), requests
 * with an MQTT 5 response topic, answers with correlation data, and the retained presence. Nothing
 * is queued here: offline, a publish fails and the outbox keeps it; a request or an answer is
 * dropped.
 *
 * <p>Any thread; Paho's publish does not block.
 */
final class MqttOutbound {
  private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());

  private final String deviceId;
  private final Clock clock;
  private final Supplier<MqttAsyncClient> connectedClient;

  /**
   * @param connectedClient the client of the current connection, or null while not connected
   */
  MqttOutbound(String deviceId, Clock clock, Supplier<MqttAsyncClient> connectedClient) {
    this.deviceId = deviceId;
    this.clock = clock;
    this.connectedClient = connectedClient;
  }

  CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    MqttAsyncClient c = connectedClient.get();
    if (c == null) {
      done.completeExceptionally(new IllegalStateException("not connected"));
      return done;
    }
    try {
      MqttMessage m = new MqttMessage(payload);
      m.setQos(qos);
      m.setRetained(retained);
      c.publish(
          topic,
          m,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              done.completeExceptionally(e);
            }
          });
    } catch (MqttException | RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  void respond(String responseTopic, byte[] correlation, byte[] payload) {
    MqttAsyncClient c = connectedClient.get();
    if (c == null) {
      LOG.info("a command answer was dropped: not connected");
      return;
    }
    try {
      MqttProperties props = new MqttProperties();
      props.setCorrelationData(correlation);
      c.publish(responseTopic, qos1(payload, props));
    } catch (MqttException | RuntimeException e) {
      LOG.info("a command answer was not sent: " + e);
    }
  }

  void request(String topic, byte[] payload, String responseTopic, byte[] correlation) {
    MqttAsyncClient c = connectedClient.get();
    if (c == null) {
      return;
    }
    try {
      MqttProperties props = new MqttProperties();
      props.setResponseTopic(responseTopic);
      props.setCorrelationData(correlation);
      c.publish(topic, qos1(payload, props));
    } catch (MqttException | RuntimeException e) {
      LOG.info("a request on " + topic + " was not sent: " + e);
    }
  }

  /** The retained presence message of connection {@code epoch} ({@link Presence#ONLINE}, ...). */
  MqttMessage presence(String state, long epoch) {
    try {
      MqttMessage m =
          new MqttMessage(
              WireJson.mapper()
                  .writeValueAsBytes(
                      new Presence(
                          Topics.PROTOCOL_VERSION, deviceId, state, epoch, clock.instant())));
      m.setQos(1);
      m.setRetained(true);
      return m;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MqttMessage qos1(byte[] payload, MqttProperties props) {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    m.setProperties(props);
    return m;
  }
}
