package dev.skerry.agent.app;

import dev.skerry.agent.api.AgentStatus;
import dev.skerry.agent.api.LocalApi;
import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.health.ExecRunner;
import dev.skerry.agent.health.HealthMonitor;
import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.RuntimeFailure;
import dev.skerry.agent.security.IdentityFiles;
import dev.skerry.agent.security.PinnedSigningKeys;
import dev.skerry.agent.security.StoredDesiredVerification;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.StoreRecovery;
import dev.skerry.agent.sync.AckIntake;
import dev.skerry.agent.sync.CommandHandler;
import dev.skerry.agent.sync.DesiredIntake;
import dev.skerry.agent.sync.MqttLink;
import dev.skerry.agent.sync.OutboxSender;
import dev.skerry.agent.sync.Refusals;
import dev.skerry.agent.sync.ReportPublisher;
import dev.skerry.agent.sync.SyncMetrics;
import dev.skerry.agent.sync.WireEvents;
import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.core.systemd.ServiceManager;
import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.VolumeStatus;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The running agent, wired once. Start order is the offline-first promise: the store is opened and
 * the reconcile loop runs from the stored desired state before any network is touched; then the hub
 * link and the local API start.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Agent.class.getName());
  static final Duration RESYNC = Duration.ofSeconds(10);
  static final Duration REPORT_MIN_INTERVAL = Duration.ofSeconds(1);
  static final Duration HEARTBEAT = Duration.ofSeconds(60);

  /** Events the hub has not acknowledged this long after their PUBACK are sent again. */
  static final Duration EVENT_RESEND = Duration.ofSeconds(30);

  private final AgentConfig config;
  private final AgentStores stores;
  private final AgentStatus.StoreRecovered storeRecovered;
  private final ContainerRuntime runtime;
  private final HealthMonitor health;
  private final Reconciler reconciler;
  private final SyncMetrics syncMetrics = new SyncMetrics();
  private final ScheduledExecutorService syncThread;
  private final java.util.concurrent.ExecutorService commandThread;
  private final MqttLink link;
  private final ReportPublisher publisher;
  private final LocalApi api;
  private final int apiPort;
  private final LogRotation logRotation;
  private final ImageGcSchedule imageGc;
  private final VolumeGcSchedule volumeGc;
  private final AtomicReference<String> desiredProblem = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicBoolean reconcilerStarted =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final AgentSupervision supervision;

  private Agent(
      AgentConfig config,
      Vertx vertx,
      RuntimeFactory runtimes,
      Clock clock,
      ServiceManager systemd,
      Duration loopStallLimit) {
    this.config = config;
    StoreRecovery.Opened opened =
        StoreRecovery.open(
            config.dataDir(), clock, config.outboxMax(), new WireEvents(config.deviceId()));
    this.stores = opened.stores();
    this.storeRecovered =
        opened
            .recovered()
            .map(r -> new AgentStatus.StoreRecovered(r.at(), r.reason()))
            .orElse(null);
    this.runtime = runtimes.create(vertx, config.runtimeConfig());
    AtomicReference<Reconciler> loop = new AtomicReference<>();
    ExecRunner exec = runtime instanceof ExecRunner r ? r : ExecRunner.unavailable();
    // A health change may call for a restart: ask for a pass at once, not at the next resync.
    this.health =
        new HealthMonitor(
            vertx,
            exec,
            (id, h, why) -> {
              Reconciler r = loop.get();
              if (r != null) {
                r.trigger();
              }
            });
    this.reconciler = new Reconciler(runtime, stores, clock, RESYNC, new MonitorHealthPort(health));
    loop.set(reconciler);
    IdentityFiles identities = new IdentityFiles(config.dataDir());
    if (config.insecureUnsignedDesired()) {
      LOG.warning(
          "--insecure-unsigned-desired: this agent acts on ANY desired document, signed or not;"
              + " anyone who can publish to its topic can run code on it");
    }
    // Offline-first: the stored state is verified and reconciled before any network is touched.
    desiredProblem.set(
        config.insecureUnsignedDesired()
            ? null
            : StoredDesiredVerification.problem(
                    stores.desired(), config.deviceId(), identities.signingKeys())
                .orElse(null));
    if (desiredProblem.get() == null) {
      reconcilerStarted.set(true);
      reconciler.start();
      LOG.info(
          "reconciling stored desired revision "
              + stores.desired().desired().map(d -> d.revision()).orElse(0L)
              + " (offline-first)");
    } else {
      LOG.severe(desiredProblem.get());
      stores.events().logEvent(null, Event.ERROR, desiredProblem.get());
    }
    this.supervision =
        new AgentSupervision(
            systemd, reconciler, reconcilerStarted::get, desiredProblem::get, loopStallLimit);
    reconciler.onChange(supervision::changed);
    supervision.readyWhenReconciled();
    if (!identities.exists() && (config.joinToken() != null || config.joinTokenFile() != null)) {
      supervision.enrolling();
    }
    HubSetup hub = HubSetup.resolve(config);
    if (hub.problem() != null) {
      stores.events().logEvent(null, Event.ERROR, hub.problem());
    }
    if (hub.hub() != null) {
      syncThread =
          Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("skerry-sync", true));
      Refusals refusals = new Refusals(stores.events());
      DesiredIntake intake =
          new DesiredIntake(
              config.deviceId(),
              stores.desired(),
              this::desiredStored,
              syncMetrics,
              refusals,
              config.insecureUnsignedDesired() ? null : new PinnedSigningKeys(identities));
      link =
          new MqttLink(
              hub.hub(),
              config.deviceId(),
              stores.epochs(),
              intake,
              syncThread,
              clock,
              syncMetrics,
              hub.tls());
      if (hub.identity() != null) {
        RenewalWiring.wire(identities, hub.identity(), config.hubApi(), link, syncThread, clock);
      }
      OutboxSender sender =
          new OutboxSender(
              config.deviceId(), stores.outbox(), link, syncThread, syncMetrics, EVENT_RESEND);
      AckIntake acks = new AckIntake(config.deviceId(), sender, refusals, syncMetrics);
      link.route(Topics.ack(config.deviceId()), acks::accept);
      commandThread =
          Executors.newSingleThreadExecutor(NamedThreads.factory("skerry-commands", true));
      link.serve(
          Topics.commands(config.deviceId()),
          new CommandHandler(
              config.deviceId(),
              new RuntimeCommands(runtime, stores.events(), config.logsDir()),
              link::respond,
              commandThread,
              refusals));
      publisher =
          new ReportPublisher(
              config.deviceId(),
              AgentVersion.get(),
              config.labels(),
              stores.outbox(),
              link,
              sender,
              reconciler::snapshot,
              syncThread,
              clock,
              REPORT_MIN_INTERVAL,
              HEARTBEAT,
              syncMetrics,
              this::volumeStatus);
      reconciler.onChange(publisher::statusChanged);
      publisher.start();
      sender.start();
      supervision.hubResolved(link, false);
      link.start();
    } else {
      LOG.info(hub.problem() == null ? "no --hub: offline-only" : "offline-only");
      syncThread = null;
      commandThread = null;
      link = null;
      publisher = null;
      supervision.hubResolved(null, hub.problem() != null);
    }
    this.api =
        new LocalApi(
            vertx,
            config.apiHost(),
            config.apiPort(),
            new Views(
                config.deviceId(),
                reconciler,
                link,
                syncMetrics,
                storeRecovered,
                stores.outbox(),
                desiredProblem::get,
                this::volumeStatus),
            config.logsDir());
    this.logRotation = LogRotation.start(vertx, config.logsDir(), config.logMaxBytes());
    this.imageGc = ImageGcSchedule.start(runtime, stores.desired(), stores.rollback());
    this.volumeGc =
        new VolumeGcSchedule(
                runtime,
                stores.desired(),
                stores.rollback(),
                stores.volumes(),
                config.volumeRetention(),
                clock)
            .start();
    this.apiPort = api.start().toCompletionStage().toCompletableFuture().join();
  }

  /** The named volumes for reports, status and metrics; none while the runtime cannot tell. */
  private List<VolumeStatus> volumeStatus() {
    try {
      return runtime.volumes().stream()
          .map(v -> new VolumeStatus(v.name(), v.sizeBytes(), v.usedBytes()))
          .toList();
    } catch (RuntimeFailure e) {
      return List.of();
    }
  }

  /** A verified document was stored: act on it (and start acting at all after a boot refusal). */
  private void desiredStored() {
    desiredProblem.set(null);
    if (reconcilerStarted.compareAndSet(false, true)) {
      reconciler.start();
    } else {
      reconciler.trigger();
    }
  }

  /** Starts everything; throws if the store cannot be opened or the API cannot bind. */
  public static Agent start(AgentConfig config, Vertx vertx, RuntimeFactory runtimes, Clock clock) {
    return start(config, vertx, runtimes, clock, ServiceManager.none());
  }

  /**
   * Starts everything, telling {@code systemd} about readiness, status and liveness (see
   * docs/agent.md "systemd").
   */
  public static Agent start(
      AgentConfig config,
      Vertx vertx,
      RuntimeFactory runtimes,
      Clock clock,
      ServiceManager systemd) {
    return new Agent(config, vertx, runtimes, clock, systemd, AgentSupervision.LOOP_STALL_LIMIT);
  }

  /** With a shorter stall limit than the product's, so a test can see a hung loop unreported. */
  static Agent start(
      AgentConfig config,
      Vertx vertx,
      RuntimeFactory runtimes,
      Clock clock,
      ServiceManager systemd,
      Duration loopStallLimit) {
    return new Agent(config, vertx, runtimes, clock, systemd, loopStallLimit);
  }

  public int apiPort() {
    return apiPort;
  }

  public AgentStatus status() {
    return new Views(
            config.deviceId(),
            reconciler,
            link,
            syncMetrics,
            storeRecovered,
            null,
            desiredProblem::get)
        .status();
  }

  public SyncMetrics syncMetrics() {
    return syncMetrics;
  }

  /** Logs an event as any component of the agent does; for tests. */
  void logEvent(String workload, String kind, String message) {
    stores.events().logEvent(workload, kind, message).join();
  }

  /** The newest local events, newest first; for tests. */
  java.util.List<dev.skerry.agent.store.LocalEvent> recentEvents() {
    return stores.events().recentEvents(50);
  }

  /** Messages waiting in the outbox; for tests. */
  long outboxPending() {
    return stores.outbox().outboxPending();
  }

  /** Asks the reconcile loop for a pass now; for tests. */
  void reconcileNow() {
    reconciler.trigger();
  }

  /** Drops the hub connection as a crash would (no DISCONNECT, the Last Will fires); for tests. */
  void crashLink() {
    if (link != null) {
      link.abort();
    }
  }

  /** Stops the agent. Workloads keep running: the agent never stops containers on its own exit. */
  @Override
  public void close() {
    LOG.info("shutting down; workloads keep running");
    supervision.stopping();
    api.close();
    logRotation.close();
    imageGc.close();
    volumeGc.close();
    if (publisher != null) {
      publisher.close();
    }
    if (link != null) {
      link.close();
    }
    reconciler.close();
    health.close();
    if (commandThread != null) {
      commandThread.shutdownNow();
    }
    if (syncThread != null) {
      syncThread.shutdownNow();
      try {
        syncThread.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    runtime.close();
    stores.close();
  }
}
