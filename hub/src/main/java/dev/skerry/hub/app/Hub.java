package dev.skerry.hub.app;

import dev.skerry.core.tls.TlsContexts;
import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.hub.access.AccessStore;
import dev.skerry.hub.access.Accounts;
import dev.skerry.hub.access.JdbcAccessStore;
import dev.skerry.hub.access.LoginThrottle;
import dev.skerry.hub.access.PasswordHasher;
import dev.skerry.hub.api.AdminToken;
import dev.skerry.hub.api.RestServer;
import dev.skerry.hub.api.SecurityRoutes;
import dev.skerry.hub.deploy.ControlLoop;
import dev.skerry.hub.deploy.DeployService;
import dev.skerry.hub.deploy.DesiredPublisher;
import dev.skerry.hub.deploy.KeyRotation;
import dev.skerry.hub.deploy.Recomposer;
import dev.skerry.hub.fleet.DeviceEvents;
import dev.skerry.hub.fleet.FleetService;
import dev.skerry.hub.fleet.Staleness;
import dev.skerry.hub.metrics.HubMetrics;
import dev.skerry.hub.mqtt.AckSender;
import dev.skerry.hub.mqtt.CommandClient;
import dev.skerry.hub.mqtt.EmbeddedBroker;
import dev.skerry.hub.mqtt.HubMqttLink;
import dev.skerry.hub.mqtt.InboundHandler;
import dev.skerry.hub.mqtt.InboundMessages;
import dev.skerry.hub.mqtt.MqttTrust;
import dev.skerry.hub.rollout.RolloutMetrics;
import dev.skerry.hub.rollout.RolloutService;
import dev.skerry.hub.rollout.RolloutTicker;
import dev.skerry.hub.security.BrokerKeystores;
import dev.skerry.hub.security.BrokerSecurity;
import dev.skerry.hub.security.Enrollment;
import dev.skerry.hub.security.EnrollmentMetrics;
import dev.skerry.hub.security.ExpiredRenewals;
import dev.skerry.hub.security.HubPki;
import dev.skerry.hub.security.IdentityStore;
import dev.skerry.hub.security.JdbcIdentityStore;
import dev.skerry.hub.security.JdbcSigningKeyStore;
import dev.skerry.hub.security.JoinTokens;
import dev.skerry.hub.security.Renewals;
import dev.skerry.hub.security.RevocationList;
import dev.skerry.hub.security.Revocations;
import dev.skerry.hub.security.SigningKeys;
import dev.skerry.hub.store.HubStore;
import dev.skerry.hub.store.HubStores;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running hub: every component, built and started in one place, closed in reverse order. */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  /** How often active rollouts are stepped against the devices' reports. */
  static final Duration ROLLOUT_TICK = Duration.ofSeconds(1);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private RestServer rest;
  private InboundMessages inbound;
  private HubMetrics metrics;
  private String brokerUrl;
  private DeviceEvents events;
  private CommandClient commands;
  private HubPki pki;
  private BrokerSecurity brokerSecurity;
  private ControlLoop controlLoop;
  private Vertx vertx;
  private final EnrollmentMetrics enrollments = new EnrollmentMetrics();
  // The same counter by result serves renewals.
  private final EnrollmentMetrics renewalCounts = new EnrollmentMetrics();

  /** How long a command request waits for the device's answer before 504. */
  static final java.time.Duration COMMAND_TIMEOUT = java.time.Duration.ofSeconds(10);

  /** How long the hub gathers event acknowledgements for one device before publishing one. */
  static final java.time.Duration ACK_DELAY = java.time.Duration.ofMillis(100);

  private Hub() {}

  /** Starts a hub; on failure, closes what was already started and rethrows. */
  public static Hub start(HubConfig config, Clock clock) {
    Hub hub = new Hub();
    try {
      hub.wire(config, clock);
      return hub;
    } catch (RuntimeException | Error e) {
      hub.close();
      throw e;
    }
  }

  private void wire(HubConfig config, Clock clock) {
    HubStore store = keep(HubStores.open(config.effectiveDbUrl()));
    AdminToken token = AdminToken.loadOrCreate(config.effectiveAdminTokenFile());
    AccessStore access = keep(JdbcAccessStore.open(config.effectiveDbUrl()));
    Accounts accounts =
        new Accounts(
            access,
            new PasswordHasher(PasswordHasher.ITERATIONS),
            new LoginThrottle(),
            token::matches,
            clock);
    String clientId = ClientIds.forDataDir(config.dataDir());
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    names.addAll(config.effectivePublicHosts());
    // The hub's own link reaches its broker over loopback: the certificate must name it.
    names.add("localhost");
    names.add("127.0.0.1");
    pki =
        HubPki.loadOrCreate(
            config.dataDir().resolve("pki"), List.copyOf(names), clientId, clock.instant());
    IdentityStore identities = keep(JdbcIdentityStore.open(config.effectiveDbUrl()));
    SigningKeys signingKeys =
        SigningKeys.load(
            pki.directory(), keep(JdbcSigningKeyStore.open(config.effectiveDbUrl())), clock);
    pki.announceWith(signingKeys::announced);
    boolean insecure = config.insecureAnonymousMqtt();
    brokerSecurity = new BrokerSecurity(pki, identities, insecure, clock);
    MqttTrust trust;
    if (config.embeddedBroker()) {
      BrokerKeystores.TlsFiles tls =
          config.embeddedMqttsPort() == 0
              ? null
              : BrokerKeystores.write(
                  config.dataDir().resolve("broker").resolve("tls"),
                  pki,
                  config.embeddedMqttsPort(),
                  config.embeddedTls().orElse(null),
                  !insecure);
      EmbeddedBroker broker =
          keep(
              EmbeddedBroker.start(
                  config.dataDir(),
                  config.embeddedMqttHost(),
                  insecure ? config.embeddedMqttPort() : -1,
                  tls == null ? null : tls.tls(),
                  tls == null ? null : tls.clients(),
                  brokerSecurity.extension()));
      if (insecure) {
        brokerUrl = broker.localUrl();
        trust = MqttTrust.of(config.mqttCa().orElse(null));
        keep(InsecureWarning.start());
      } else {
        brokerUrl = broker.localTlsUrl();
        trust = MqttTrust.ofContext(TlsContexts.of(List.of(pki.caCertificate()), pki.hubClient()));
      }
    } else {
      brokerUrl = config.mqttUrl().orElseThrow();
      trust = externalTrust(config);
    }
    ControlLoop loop = keep(new ControlLoop());
    controlLoop = loop;
    HubMqttLink link = keep(new HubMqttLink(brokerUrl, clientId, trust));
    Staleness staleness = new Staleness(config.staleAfter());
    RolloutMetrics rolloutMetrics = new RolloutMetrics();
    metrics = new HubMetrics(store, rolloutMetrics, staleness, clock);
    DesiredPublisher publisher =
        (deviceId, json) -> {
          // Every desired document is signed: devices run nothing unsigned (decision 0010).
          link.publishDesired(deviceId, json, signingKeys.sign(deviceId, json));
          metrics.messageOut("desired");
        };
    Recomposer recomposer = new Recomposer(store, publisher, clock, signingKeys::announcedPem);
    FleetService fleet = new FleetService(store, recomposer, loop, clock);
    RolloutService rollouts =
        new RolloutService(store, recomposer::recompose, clock, rolloutMetrics);
    DeployService deploy = new DeployService(store, recomposer, loop, clock, rollouts);
    AckSender acks = keep(new AckSender(link::publishAck, ACK_DELAY));
    events = new DeviceEvents(store, acks::advanced, clock);
    RevocationList crl = keep(new RevocationList(pki, identities, clock).start());
    Revocations revocations =
        new Revocations(
            identities,
            id -> {
              brokerSecurity.disconnect(id);
              crl.write(); // for an external broker's crlfile
            },
            clock);
    inbound = new InboundMessages(new FleetInbound(fleet, events, metrics), revocations::isRevoked);
    metrics.refused(inbound::refusedCounts);
    commands = new CommandClient(link::request, clock);
    link.answersTo(commands);
    Renewals renewals =
        new Renewals(pki, identities, config.deviceCertLifetime(), renewalCounts, clock);
    link.renewalsTo(renewals::answer);
    metrics.renewals(renewalCounts::counts);
    link.connect(
        inbound,
        () ->
            loop.submit(
                () -> {
                  recomposer.republishAll();
                  return null;
                }));
    loop.submit(recomposer::recompose).join();
    keep(RolloutTicker.start(loop, rollouts, ROLLOUT_TICK));
    KeyRotation rotation =
        keep(new KeyRotation(store, recomposer, signingKeys, loop).start(ROLLOUT_TICK));
    JoinTokens joinTokens = new JoinTokens(identities, pki.caFingerprint(), clock);
    Enrollment enrollment =
        new Enrollment(
            pki,
            identities,
            (id, labels) -> {
              revocations.changed(id);
              fleet.enrolled(id, labels).join();
            },
            deviceMqttUrl(config),
            config.deviceCertLifetime(),
            enrollments,
            clock);
    metrics.enrollments(enrollments::counts);
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    keep(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    rest =
        keep(
            RestServer.start(
                vertx,
                config.plainHttpBind(),
                config.httpPort(),
                token,
                fleet,
                deploy,
                events,
                staleness,
                clock,
                commands,
                COMMAND_TIMEOUT,
                metrics,
                new SecurityRoutes(
                    joinTokens,
                    enrollment,
                    revocations,
                    new ExpiredRenewals(
                        pki, identities, config.deviceCertLifetime(), renewalCounts, clock),
                    rotation,
                    signingKeys),
                HttpsListeners.https(config, pki),
                accounts));
  }

  /**
   * The external broker's trust: {@code --mqtt-ca} (or the JVM's), and for {@code mqtts://} the
   * client certificate of {@code --mqtt-client-cert} or else the hub PKI's (decision 0010).
   */
  private MqttTrust externalTrust(HubConfig config) {
    if (!config.mqttUrl().orElseThrow().startsWith("mqtts://")) {
      return MqttTrust.of(config.mqttCa().orElse(null));
    }
    return MqttTrust.ofContext(MqttClientIdentity.context(config, pki.hubClient()));
  }

  /** The broker URL enrolled devices are told to use. */
  private String deviceMqttUrl(HubConfig config) {
    String host = config.effectivePublicHosts().get(0);
    if (config.embeddedBroker() && config.embeddedMqttsPort() != 0) {
      return "mqtts://" + host + ":" + config.embeddedMqttsPort();
    }
    return brokerUrl;
  }

  private <T extends AutoCloseable> T keep(T component) {
    started.push(component);
    return component;
  }

  /** The hub's own loops (control loop, REST event loop) as systemd's watchdog watches them. */
  public HubLiveness liveness() {
    return new HubLiveness(controlLoop, vertx);
  }

  /** The single-writer control loop; for tests that need it busy. */
  ControlLoop controlLoop() {
    return controlLoop;
  }

  /** The bound HTTPS port (useful with {@code --https-port 0}). */
  public int httpsPort() {
    return rest.httpsPort();
  }

  /** The hub's keys and certificates. */
  public HubPki pki() {
    return pki;
  }

  /** The bound REST port (useful with {@code --http-port 0}). */
  public int httpPort() {
    return rest.port();
  }

  /** The broker the hub talks to. */
  public String brokerUrl() {
    return brokerUrl;
  }

  /** The hub's metrics (what {@code GET /metrics} shows). */
  public HubMetrics metrics() {
    return metrics;
  }

  /** Device events: stored and duplicate counts. */
  public DeviceEvents events() {
    return events;
  }

  /** Device messages refused, by kind. */
  public java.util.Map<String, Long> refusedMessages() {
    return inbound.refusedCounts();
  }

  /** Device messages dropped as unreadable (malformed, then oversized). */
  public long[] droppedMessages() {
    return new long[] {inbound.malformedCount(), inbound.oversizedCount()};
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** Routes decoded device messages to the fleet, logging failures of the asynchronous work. */
  private record FleetInbound(FleetService fleet, DeviceEvents events, HubMetrics metrics)
      implements InboundHandler {
    @Override
    public void onPresence(Presence presence) {
      metrics.messageIn("presence");
      fleet.onPresence(presence).exceptionally(Hub::logFailure);
    }

    @Override
    public void onReport(StatusReport report, String json) {
      metrics.messageIn("report");
      fleet.onReport(report, json).exceptionally(Hub::logFailure);
      if (report.eventsDroppedThrough() > 0) {
        events.onDropped(report.deviceId(), report.eventsDroppedThrough());
      }
    }

    @Override
    public void onEvent(Event event) {
      metrics.messageIn("event");
      // Stored before returning, so the broker's PUBACK means the event is durable here.
      events.onEvent(event);
    }
  }

  private static Void logFailure(Throwable t) {
    LOG.error("Handling a device message failed", t);
    return null;
  }
}
