package dev.skerry.agent.sync;

import dev.skerry.agent.store.PresenceEpochs;
import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
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
  static final long SESSION_EXPIRY_SECONDS = Duration.ofDays(7).toSeconds();
  private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final URI hub;
  private final String deviceId;
  private final PresenceEpochs store;
  private final DesiredIntake intake;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final SyncMetrics metrics;
  private volatile MqttTls tls;
  private volatile boolean swapping;
  private final List<Runnable> connectListeners = new CopyOnWriteArrayList<>();
  private final Map<String, Consumer<byte[]>> routes = new ConcurrentHashMap<>();
  private final Map<String, CommandHandler> requests = new ConcurrentHashMap<>();
  private volatile MqttAsyncClient client;
  private volatile boolean connected;
  private volatile boolean closed;
  private volatile long epoch;
  private Duration backoff = MIN_BACKOFF;
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
    this.intake = Objects.requireNonNull(intake, "intake");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Starts connecting in the background; returns at once. */
  public void start() {
    scheduler.execute(this::connect);
  }

  /**
   * A fresh Paho client for each connection attempt. Paho keeps QoS 1 publishes that were in flight
   * when a connection died and counts them against the broker's receive maximum; if the broker lost
   * the session (a restart without persistence) they are never acknowledged and every later publish
   * is refused as "too many in progress". The outbox replays what was in flight, so nothing is lost
   * by dropping Paho's copy.
   */
  private MqttAsyncClient newClient() {
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
    c.setCallback(new Callback(c));
    return c;
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
    routes.put(topic, handler);
  }

  /**
   * Subscribes to {@code topic} (QoS 1) on every connect and hands each request, with its MQTT 5
   * response topic and correlation data, to {@code handler}. Call before {@link #start}.
   */
  public void serve(String topic, CommandHandler handler) {
    requests.put(topic, handler);
    routes.put(topic, payload -> {}); // subscribed with the routed topics
  }

  /** Publishes an answer to a request (QoS 1) with its correlation data; drops it if offline. */
  public void respond(String responseTopic, byte[] correlation, byte[] payload) {
    MqttAsyncClient c = client;
    if (c == null || !connected) {
      LOG.info("a command answer was dropped: not connected");
      return;
    }
    try {
      MqttMessage m = new MqttMessage(payload);
      m.setQos(1);
      MqttProperties props = new MqttProperties();
      props.setCorrelationData(correlation);
      m.setProperties(props);
      c.publish(responseTopic, m);
    } catch (MqttException | RuntimeException e) {
      LOG.info("a command answer was not sent: " + e);
    }
  }

  /** Publishes a request (QoS 1) with an MQTT 5 response topic; drops it if offline. */
  public void request(String topic, byte[] payload, String responseTopic, byte[] correlation) {
    MqttAsyncClient c = client;
    if (c == null || !connected) {
      return;
    }
    try {
      MqttMessage m = new MqttMessage(payload);
      m.setQos(1);
      MqttProperties props = new MqttProperties();
      props.setResponseTopic(responseTopic);
      props.setCorrelationData(correlation);
      m.setProperties(props);
      c.publish(topic, m);
    } catch (MqttException | RuntimeException e) {
      LOG.info("a request on " + topic + " was not sent: " + e);
    }
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
    client = newClient();
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
    options.setAutomaticReconnect(false); // our own loop also covers a failed first connect
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    options.setWill(Topics.presence(deviceId), presence(Presence.OFFLINE, thisEpoch));
    if ("mqtts".equals(hub.getScheme())) {
      // Paho refuses an SSL socket factory for mqtt:// (32105): an enrolled device sent to a
      // plain broker (warned at start) connects without TLS rather than not at all.
      tls.apply(options);
    }
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
    backoff = MIN_BACKOFF;
    metrics.connects.incrementAndGet();
    LOG.info("connected to " + hub + " (epoch " + thisEpoch + ")");
    try {
      client.publish(Topics.presence(deviceId), presence(Presence.ONLINE, thisEpoch));
      // Routed topics first: the retained ack then arrives before the replay it makes shorter.
      for (String topic : routes.keySet()) {
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
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
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

  private MqttMessage presence(String state, long epochValue) {
    try {
      MqttMessage m =
          new MqttMessage(
              WireJson.mapper()
                  .writeValueAsBytes(
                      new Presence(
                          Topics.PROTOCOL_VERSION, deviceId, state, epochValue, clock.instant())));
      m.setQos(1);
      m.setRetained(true);
      return m;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    MqttAsyncClient c = client;
    if (c == null || !connected) {
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
        c.publish(Topics.presence(deviceId), presence(Presence.OFFLINE, epoch))
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

    /** Paho callback thread: hands the payload over and returns at once. */
    @Override
    public void messageArrived(String topic, MqttMessage message) {
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

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  /** The {@code skerry-sig} user property (decision 0010), null if absent. */
  static String signatureOf(MqttMessage message) {
    MqttProperties p = message.getProperties();
    if (p == null || p.getUserProperties() == null) {
      return null;
    }
    for (var u : p.getUserProperties()) {
      if (dev.skerry.core.identity.DocumentSignature.PROPERTY.equals(u.getKey())) {
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
