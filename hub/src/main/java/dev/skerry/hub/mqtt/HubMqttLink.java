package dev.skerry.hub.mqtt;

import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.core.wire.Topics;
import dev.skerry.hub.deploy.DesiredPublisher;
import java.net.URI;
import java.util.Objects;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT 5 session: reads device reports and presence (QoS 1), publishes desired documents
 * (retained, QoS 1). Reconnects by itself; on every (re)connect it subscribes again and runs {@code
 * onConnected}, which republishes what may have been missed.
 */
public final class HubMqttLink implements DesiredPublisher, AutoCloseable {
  /** Broker keeps the session (and queued QoS 1 messages) this long while the hub is away. */
  static final long SESSION_EXPIRY_SECONDS = 3600;

  private static final long PUBLISH_TIMEOUT_MS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(HubMqttLink.class);
  private static final String[] FILTERS = {
    Topics.all("reported"),
    Topics.all("presence"),
    Topics.all("events"),
    Topics.all("responses"),
    Topics.all("renew")
  };

  private final MqttAsyncClient client;

  private final String url;
  private final String clientId;
  private final MqttTrust trust;
  private volatile InboundMessages inbound;
  private volatile Runnable onConnected;
  private volatile CommandClient commands;
  private volatile RenewalAnswers renewals;

  /**
   * Prepares a link to {@code mqtt://host:port}; nothing is sent before {@link #connect}, so the
   * link can be handed to the components that publish through it first.
   */
  public HubMqttLink(String url, String clientId) {
    this(url, clientId, MqttTrust.of(null));
  }

  /** With {@code trust} for an {@code mqtts://} URL. */
  public HubMqttLink(String url, String clientId, MqttTrust trust) {
    this.url = Objects.requireNonNull(url, "url");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.trust = Objects.requireNonNull(trust, "trust");
    URI uri = URI.create(url);
    String scheme = "mqtts".equals(uri.getScheme()) ? "ssl" : "tcp";
    try {
      this.client =
          new MqttAsyncClient(
              scheme + "://" + uri.getHost() + ":" + uri.getPort(),
              clientId,
              new MemoryPersistence());
    } catch (MqttException e) {
      throw new BrokerStartException("cannot create an MQTT client for " + url, e);
    }
  }

  /**
   * Connects and subscribes; waits for the connection.
   *
   * @param onConnected runs after every (re)connect and subscribe, on a short-lived thread
   * @throws BrokerStartException if the broker cannot be reached
   */
  public void connect(InboundMessages inbound, Runnable onConnected) {
    this.inbound = Objects.requireNonNull(inbound, "inbound");
    this.onConnected = Objects.requireNonNull(onConnected, "onConnected");
    client.setCallback(new Callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    trust.apply(options);
    try {
      client.connect(options).waitForCompletion(15_000);
    } catch (MqttException e) {
      throw new BrokerStartException(
          "cannot connect to the MQTT broker at "
              + url
              + ": "
              + e.getMessage()
              + ". Check that it runs, or leave out --mqtt-url to use the embedded broker",
          e);
    }
    LOG.info("Connected to MQTT broker {} as {}", url, clientId);
  }

  /**
   * Publishes and waits for the broker's PUBACK. Waiting keeps the number of messages in flight
   * within the broker's receive maximum (Paho refuses more rather than queueing them) and tells the
   * caller, the control loop, that the document left. Runs on the control loop, never on an event
   * loop.
   */
  @Override
  public void publishDesired(String deviceId, byte[] documentJson) {
    publishDesired(deviceId, documentJson, null);
  }

  /**
   * As above, with the document's signature ({@code DocumentSignature}) in the MQTT 5 user property
   * {@code skerry-sig} when {@code signature} is not null.
   */
  public void publishDesired(String deviceId, byte[] documentJson, String signature) {
    MqttMessage m = new MqttMessage(documentJson);
    m.setQos(1);
    m.setRetained(true);
    if (signature != null) {
      MqttProperties props = new MqttProperties();
      props.setUserProperties(
          java.util.List.of(
              new org.eclipse.paho.mqttv5.common.packet.UserProperty(
                  dev.skerry.core.identity.DocumentSignature.PROPERTY, signature)));
      m.setProperties(props);
    }
    try {
      client.publish(Topics.desired(deviceId), m).waitForCompletion(PUBLISH_TIMEOUT_MS);
    } catch (MqttException e) {
      LOG.warn(
          "Desired document for {} not sent now ({}); it is sent again on reconnect",
          deviceId,
          e.getMessage());
    }
  }

  /**
   * Publishes a device's event acknowledgement (retained, QoS 1) without waiting for the PUBACK: a
   * lost ack is replaced by the next one, and the device resends what stays unacknowledged.
   */
  public void publishAck(String deviceId, byte[] ackJson) {
    try {
      client.publish(Topics.ack(deviceId), ackJson, 1, true);
    } catch (MqttException e) {
      LOG.debug("Ack for {} not sent now: {}", deviceId, e.getMessage());
    }
  }

  /** Answers to commands go to {@code commands}; set before {@link #connect}. */
  public void answersTo(CommandClient commands) {
    this.commands = commands;
  }

  /**
   * Renewal requests go to {@code renewals} (device id, payload; the answer); set before {@link
   * #connect}. Without it they are ignored.
   */
  public void renewalsTo(java.util.function.BiFunction<String, byte[], byte[]> renewals) {
    this.renewals = renewals == null ? null : new RenewalAnswers(renewals);
  }

  /**
   * Publishes a request (QoS 1) with an MQTT 5 response topic, correlation data and message expiry;
   * does not wait for the PUBACK (the caller waits for the answer).
   */
  public void request(
      String topic, byte[] payload, String responseTopic, byte[] correlation, long expirySeconds) {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    MqttProperties props = new MqttProperties();
    props.setResponseTopic(responseTopic);
    props.setCorrelationData(correlation);
    props.setMessageExpiryInterval(expirySeconds);
    m.setProperties(props);
    try {
      client.publish(topic, m);
    } catch (MqttException e) {
      throw new IllegalStateException("the command was not sent: " + e.getMessage(), e);
    }
  }

  /** Clears a retained message (an empty retained payload), e.g. for a removed device. */
  public void clearRetained(String topic) {
    try {
      client.publish(topic, new byte[0], 1, true);
    } catch (MqttException e) {
      LOG.warn("Could not clear {}: {}", topic, e.getMessage());
    }
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close();
    } catch (MqttException e) {
      LOG.warn("MQTT link did not close cleanly: {}", e.getMessage());
    }
  }

  private void subscribe() {
    try {
      client.subscribe(FILTERS, new int[] {1, 1, 1, 1, 1}).waitForCompletion(15_000);
      LOG.info("Subscribed to {}", String.join(", ", FILTERS));
    } catch (MqttException e) {
      LOG.error("Subscribing failed; device messages will not arrive: {}", e.getMessage());
    }
  }

  /** Paho's callbacks; every method catches what it can, since a throw would drop the link. */
  private final class Callback implements MqttCallback {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        LOG.info("Reconnected to MQTT broker {}", serverUri);
      }
      // Off Paho's callback thread: waiting for a SUBACK here would block the receiver.
      NamedThreads.factory("skerry-hub-mqtt-subscribe", true)
          .newThread(
              () -> {
                subscribe();
                onConnected.run();
              })
          .start();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      Object why =
          response.getException() != null
              ? response.getException().getMessage()
              : response.getReasonString();
      LOG.warn("MQTT link lost ({}); reconnecting", why);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      CommandClient c = commands;
      if (c != null && topic.endsWith("/responses")) {
        MqttProperties p = message.getProperties();
        c.onResponse(p == null ? null : p.getCorrelationData(), message.getPayload());
        return;
      }
      if (topic.endsWith("/renew")) {
        RenewalAnswers r = renewals;
        if (r != null) {
          r.answer(client, topic, message);
        }
        return;
      }
      inbound.accept(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
