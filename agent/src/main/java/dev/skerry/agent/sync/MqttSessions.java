package dev.skerry.agent.sync;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * How the agent's MQTT session is set up: one fresh Paho client per attempt, a persistent session
 * (clean start off, 7-day expiry), manual acknowledgements, the Last Will, and a reconnect delay of
 * 1 s doubling to 60 s.
 */
final class MqttSessions {
  static final long SESSION_EXPIRY_SECONDS = Duration.ofDays(7).toSeconds();
  static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private MqttSessions() {}

  /**
   * A fresh Paho client for each connection attempt. Paho keeps QoS 1 publishes that were in flight
   * when a connection died and counts them against the broker's receive maximum; if the broker lost
   * the session (a restart without persistence) they are never acknowledged and every later publish
   * is refused as "too many in progress". The outbox replays what was in flight, so nothing is lost
   * by dropping Paho's copy.
   */
  static MqttAsyncClient client(
      URI hub, String deviceId, Function<MqttAsyncClient, MqttCallback> callback) {
    MqttAsyncClient c;
    try {
      String scheme = "mqtts".equals(hub.getScheme()) ? "ssl" : "tcp";
      c =
          new MqttAsyncClient(
              scheme + "://" + hub.getHost() + ":" + hub.getPort(),
              deviceId,
              new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create MQTT client for " + hub, e);
    }
    c.setManualAcks(true);
    c.setCallback(callback.apply(c));
    return c;
  }

  /** The connect options: persistent session, {@code will} on {@code willTopic}, {@code tls}. */
  static MqttConnectionOptions options(
      String willTopic, MqttMessage will, MqttTls tls, boolean overTls) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
    options.setAutomaticReconnect(false); // our own loop also covers a failed first connect
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    options.setWill(willTopic, will);
    if (overTls) {
      // Paho refuses an SSL socket factory for mqtt:// (32105): an enrolled device sent to a
      // plain broker (warned at start) connects without TLS rather than not at all.
      tls.apply(options);
    }
    return options;
  }

  /** The delay after {@code delay}: doubled, at most {@link #MAX_BACKOFF}. */
  static Duration next(Duration delay) {
    Duration doubled = delay.multipliedBy(2);
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }
}
