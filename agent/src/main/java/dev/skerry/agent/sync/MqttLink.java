package dev.skerry.agent.sync;

import dev.skerry.agent.store.PresenceEpochs;
import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.Topics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The agent's MQTT 5 connection to the hub (Eclipse Paho). Persistent session (clean start off,
 * 7-day expiry), reconnect with back-off (1 s doubling to 60 s, also when the first connect fails),
 * a Last Will that marks the device offline with this connection's epoch, retained presence online
 * on connect, the desired topic at QoS 1 with manual acknowledgement: a document is acknowledged
 * only once it is stored.
 *
 * <p>Connection management runs on the {@code scheduler} thread given; Paho callbacks never block.
 */
public final class MqttLink implements HubLink, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());

  private final URI hub;
  private final String deviceId;
  private final PresenceEpochs store;
  private final MqttInbound inbound;
  private final MqttOutbound outbound;
  private final ScheduledExecutorService scheduler;
  private final SyncMetrics metrics;
  private volatile MqttTls tls;
  private volatile boolean swapping;
  private final List<Runnable> connectListeners = new CopyOnWriteArrayList<>();
  private volatile MqttAsyncClient client;
  private volatile boolean connected;
  private volatile boolean closed;
  private volatile long epoch;
  private Duration backoff = MqttSessions.MIN_BACKOFF;
  // Incremented by an identity swap, on the scheduler thread; read by Paho's threads too.
  private volatile long generation;

  public MqttLink(
      URI hub,
      String deviceId,
      PresenceEpochs store,
      DesiredIntake intake,
      ScheduledExecutorService scheduler,
      Clock clock,
      SyncMetrics metrics) {
    this(hub, deviceId, store, intake, scheduler, clock, metrics, MqttTls.of(null));
  }

  /** With the trust {@code tls} for {@code mqtts://}. */
  public MqttLink(
      URI hub,
      String deviceId,
      PresenceEpochs store,
      DesiredIntake intake,
      ScheduledExecutorService scheduler,
      Clock clock,
      SyncMetrics metrics,
      MqttTls tls) {
    this.tls = Objects.requireNonNull(tls, "tls");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.store = Objects.requireNonNull(store, "store");
    this.inbound = new MqttInbound(deviceId, intake);
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.outbound =
        new MqttOutbound(
            deviceId, Objects.requireNonNull(clock, "clock"), () -> connected ? client : null);
  }

  /** Starts connecting in the background; returns at once. */
  public void start() {
    scheduler.execute(this::connect);
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public void onConnected(Runnable listener) {
    connectListeners.add(listener);
  }

  /**
   * Subscribes to {@code topic} (QoS 1) on every connect and hands each message to {@code handler}
   * on a Paho thread, which must not block; the message is acknowledged when it returns. Call
   * before {@link #start}.
   */
  public void route(String topic, Consumer<byte[]> handler) {
    inbound.route(topic, handler);
  }

  /**
   * Subscribes to {@code topic} (QoS 1) on every connect and hands each request, with its MQTT 5
   * response topic and correlation data, to {@code handler}. Call before {@link #start}.
   */
  public void serve(String topic, CommandHandler handler) {
    inbound.serve(topic, handler);
  }

  /** Publishes an answer to a request (QoS 1) with its correlation data; drops it if offline. */
  public void respond(String responseTopic, byte[] correlation, byte[] payload) {
    outbound.respond(responseTopic, correlation, payload);
  }

  /** Publishes a request (QoS 1) with an MQTT 5 response topic; drops it if offline. */
  public void request(String topic, byte[] payload, String responseTopic, byte[] correlation) {
    outbound.request(topic, payload, responseTopic, correlation);
  }

  /**
   * Closes the connection cleanly and connects again with {@code next} (a renewed certificate); the
   * persistent session carries subscriptions and queued messages over.
   */
  public void reconnectWith(MqttTls next) {
    scheduler.execute(
        () -> {
          tls = Objects.requireNonNull(next, "next");
          // A reconnect scheduled before the swap (the old identity was refused) must not start a
          // second connection loop next to the one started here.
          generation++;
          MqttAsyncClient c = client;
          swapping = true;
          connected = false;
          try {
            if (c != null && c.isConnected()) {
              c.disconnect(2000).waitForCompletion(3000);
            }
          } catch (MqttException e) {
            LOG.info("disconnect before the identity swap: " + e);
          } finally {
            if (c != null) {
              closeClient(c);
            }
            swapping = false;
          }
          connect();
        });
  }

  /** The epoch of the current (or last attempted) connection. */
  public long epoch() {
    return epoch;
  }

  /** Scheduler thread. */
  private void connect() {
    if (closed) {
      return;
    }
    long thisEpoch;
    try {
      thisEpoch = store.nextPresenceEpoch().join();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot advance the presence epoch", e);
      scheduleReconnect();
      return;
    }
    epoch = thisEpoch;
    long thisGeneration = generation;
    MqttAsyncClient old = client;
    if (old != null && !old.isConnected()) {
      closeClient(old);
    }
    client = MqttSessions.client(hub, deviceId, Callback::new);
    MqttConnectionOptions options =
        MqttSessions.options(
            Topics.presence(deviceId),
            outbound.presence(Presence.OFFLINE, thisEpoch),
            tls,
            "mqtts".equals(hub.getScheme()));
    try {
      client.connect(
          options,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              scheduler.execute(() -> connected(thisEpoch));
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              LOG.info("cannot connect to " + hub + ": " + e);
              scheduleReconnect(thisGeneration);
            }
          });
    } catch (MqttException e) {
      LOG.info("cannot connect to " + hub + ": " + e);
      scheduleReconnect();
    }
  }

  /** Scheduler thread. */
  private void connected(long thisEpoch) {
    connected = true;
    backoff = MqttSessions.MIN_BACKOFF;
    metrics.connects.incrementAndGet();
    LOG.info("connected to " + hub + " (epoch " + thisEpoch + ")");
    try {
      client.publish(Topics.presence(deviceId), outbound.presence(Presence.ONLINE, thisEpoch));
      // Routed topics first: the retained ack then arrives before the replay it makes shorter.
      for (String topic : inbound.routedTopics()) {
        client.subscribe(new MqttSubscription(topic, 1));
      }
      client.subscribe(new MqttSubscription(Topics.desired(deviceId), 1));
    } catch (MqttException e) {
      LOG.warning("after connect: " + e);
    }
    for (Runnable l : connectListeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "connect listener failed", e);
      }
    }
  }

  private void scheduleReconnect() {
    scheduleReconnect(generation);
  }

  /** Schedules a connect, unless an identity swap started a newer loop than {@code gen}. */
  private void scheduleReconnect(long gen) {
    if (gen != generation) {
      return;
    }
    connected = false;
    if (closed) {
      return;
    }
    Duration delay;
    synchronized (this) {
      delay = backoff;
      backoff = MqttSessions.next(backoff);
    }
    try {
      scheduler.schedule(
          () -> {
            if (gen == generation) {
              connect();
            }
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    return outbound.publish(topic, payload, qos, retained);
  }

  /** Marks the device offline (retained presence), disconnects and releases the client. */
  @Override
  public void close() {
    closed = true;
    MqttAsyncClient c = client;
    if (c == null) {
      return;
    }
    try {
      if (c.isConnected()) {
        c.publish(Topics.presence(deviceId), outbound.presence(Presence.OFFLINE, epoch))
            .waitForCompletion(2000);
        c.disconnect(2000).waitForCompletion(3000);
      }
    } catch (MqttException e) {
      LOG.info("disconnect: " + e);
    }
    closeClient(c);
  }

  /**
   * Drops the connection without DISCONNECT and without reconnecting, as a crash or a cut cable
   * would; the broker then publishes the Last Will.
   */
  public void abort() {
    closed = true;
    connected = false;
    MqttAsyncClient c = client;
    if (c != null) {
      try {
        c.disconnectForcibly(0, 0, false);
      } catch (MqttException e) {
        LOG.info("abort: " + e);
      }
      closeClient(c);
    }
  }

  private static void closeClient(MqttAsyncClient c) {
    try {
      c.close(true);
    } catch (MqttException e) {
      LOG.fine("close: " + e);
    }
  }

  private final class Callback implements MqttCallback {
    private final MqttAsyncClient owner;

    Callback(MqttAsyncClient owner) {
      this.owner = owner;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (owner != client || swapping) {
        return; // an old client, or the swap reconnects by itself
      }
      LOG.info("disconnected from " + hub + ": " + response.getReasonString());
      scheduleReconnect();
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      LOG.warning("MQTT error: " + e);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      inbound.arrived(owner, topic, message);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
