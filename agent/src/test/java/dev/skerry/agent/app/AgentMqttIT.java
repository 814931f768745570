package dev.skerry.agent.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.runtime.FakeRuntime;
import dev.skerry.agent.security.TestSigner;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.SqliteStores;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a real mosquitto, with a Paho client as the hub and {@link FakeRuntime}. */
class AgentMqttIT {
  private static final String DEVICE = "it-dev-1";
  @TempDir Path dir;
  private Mosquitto broker;
  private HubClient hub;
  private final TestSigner signer = TestSigner.create();
  private Vertx vertx;
  private FakeRuntime runtime;
  private Agent agent;

  @BeforeEach
  void setUp() throws Exception {
    broker = Mosquitto.start(dir);
    signer.pin(dir.resolve("data")); // as enrollment would: documents are verified
    hub = new HubClient(broker.tcpUrl(), signer);
    hub.subscribe(Topics.reported(DEVICE));
    hub.subscribe(Topics.presence(DEVICE));
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    runtime = new FakeRuntime();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    hub.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    broker.close();
  }

  private Agent startAgent(FakeRuntime rt, int brokerPort) {
    return Agent.start(config(brokerPort), vertx, (v, c) -> rt, Clock.systemUTC());
  }

  private AgentConfig config() {
    return config(broker.port());
  }

  private AgentConfig config(int brokerPort) {
    return new AgentConfig(
        null,
        DEVICE,
        URI.create("mqtt://127.0.0.1:" + brokerPort),
        Map.of("site", "it"),
        Path.of("/nonexistent.sock"),
        "skerry",
        dir.resolve("data"),
        "127.0.0.1:0",
        Set.of(),
        AgentConfig.defaults().platform(),
        List.of(),
        AgentConfig.DEFAULT_LOG_MAX_BYTES);
  }

  private static byte[] desired(long revision, String... images) throws Exception {
    List<DesiredWorkload> workloads =
        java.util.Arrays.stream(images)
            .map(
                img -> {
                  String name = img.substring(img.lastIndexOf('/') + 1, img.indexOf(':'));
                  return new DesiredWorkload(
                      "dep",
                      1,
                      new WorkloadSpec(name, img, null, null, null, null, null, null, null, null));
                })
            .toList();
    return WireJson.mapper()
        .writeValueAsBytes(new DesiredDocument(1, DEVICE, revision, Instant.now(), workloads));
  }

  private List<StatusReport> reports() {
    return hub.on(Topics.reported(DEVICE)).stream()
        .map(
            r -> {
              try {
                return WireJson.mapper().readValue(r.payload(), StatusReport.class);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  private boolean reportedApplied(long revision) {
    return reports().stream()
        .anyMatch(r -> r.appliedRevision() == revision && r.desiredRevision() == revision);
  }

  @Test
  void storesARetainedDesiredDocumentRunsItAndReportsItApplied() throws Exception {
    byte[] doc = desired(5, "reg.local/web:1");
    hub.publish(Topics.desired(DEVICE), doc, true);
    agent = startAgent(runtime, broker.port());

    await().atMost(Duration.ofSeconds(15)).until(() -> reportedApplied(5));
    assertThat(runtime.containers()).containsOnlyKeys("web.r1");
    StatusReport last = reports().get(reports().size() - 1);
    assertThat(last.deviceId()).isEqualTo(DEVICE);
    assertThat(last.labels()).containsEntry("site", "it");
    assertThat(last.workloads())
        .singleElement()
        .satisfies(w -> assertThat(w.state()).isEqualTo("running"));
    assertThat(agent.status().connected()).isTrue();
    agent.close();
    try (AgentStores store = SqliteStores.open(dir.resolve("data"))) {
      assertThat(store.desired().desired().orElseThrow().document()).isEqualTo(doc);
    }
    agent = null;
  }

  @Test
  void reportsItsLabelsAsSoonAsItConnectsWithoutWaitingForTheHeartbeat() {
    agent = startAgent(runtime, broker.port());
    // The heartbeat is a minute; the hub needs the labels now to target deployments.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> reports().stream().anyMatch(r -> "it".equals(r.labels().get("site"))));
  }

  @Test
  void ignoresAnOlderRevisionAndMalformedJsonAndKeepsWorking() throws Exception {
    agent = startAgent(runtime, broker.port());
    await().until(() -> agent.status().connected());
    hub.publish(Topics.desired(DEVICE), desired(5, "reg.local/web:1"), true);
    await().until(() -> reportedApplied(5));

    hub.publish(Topics.desired(DEVICE), desired(3, "reg.local/old:1"), false);
    hub.publish(Topics.desired(DEVICE), "{\"v\":1, not json".getBytes(UTF_8), false);
    hub.publish(Topics.desired(DEVICE), desired(6, "reg.local/web:1", "reg.local/db:1"), false);

    await().until(() -> reportedApplied(6));
    // Both signed by the pinned key, yet refused: revision 3 as a replay, the JSON as malformed.
    assertThat(agent.syncMetrics().rejected()).isEqualTo(2);
    assertThat(runtime.containers()).containsOnlyKeys("web.r1", "db.r1");
    assertThat(runtime.calls()).noneMatch(c -> c.contains("old"));
    List<Long> seqs = reports().stream().map(StatusReport::seq).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void marksItselfOnlineAndTheWillMarksItOfflineWhenTheConnectionDies() throws Exception {
    agent = startAgent(runtime, broker.port());
    await().until(() -> presences().stream().anyMatch(p -> p.state().equals(Presence.ONLINE)));
    Presence online = presences().get(presences().size() - 1);
    assertThat(online.epoch()).isPositive();

    agent.crashLink();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> presences().stream().anyMatch(p -> p.state().equals(Presence.OFFLINE)));
    Presence offline = presences().get(presences().size() - 1);
    assertThat(offline.state()).isEqualTo(Presence.OFFLINE);
    assertThat(offline.epoch()).isEqualTo(online.epoch());
  }

  @Test
  void aCleanShutdownLeavesPresenceOfflineAndContainersRunning() throws Exception {
    hub.publish(Topics.desired(DEVICE), desired(2, "reg.local/web:1"), true);
    agent = startAgent(runtime, broker.port());
    await().until(() -> reportedApplied(2));
    agent.close();
    agent = null;
    await().until(() -> presences().get(presences().size() - 1).state().equals(Presence.OFFLINE));
    assertThat(runtime.containers().get("web.r1").task()).isEqualTo(TaskState.RUNNING);
    assertThat(runtime.calls()).noneMatch(c -> c.startsWith("stop") || c.startsWith("remove"));
  }

  @Test
  void restartsWithoutBrokerAndReconcilesFromSqliteAlone() throws Exception {
    hub.publish(Topics.desired(DEVICE), desired(4, "reg.local/web:1"), true);
    agent = startAgent(runtime, broker.port());
    await().until(() -> reportedApplied(4));
    agent.close();
    broker.close();

    FakeRuntime afterReboot = new FakeRuntime(); // a rebooted box: no containers at all
    agent = startAgent(afterReboot, Mosquitto.freePort());
    await().until(() -> afterReboot.containers().containsKey("web.r1"));
    await().until(() -> agent.status().appliedRevision() == 4);
    assertThat(agent.status().connected()).isFalse();
    assertThat(agent.status().desiredRevision()).isEqualTo(4);
  }

  @Test
  void actsOnAnUnsignedDocumentOnlyInTheInsecureModeAndWarnsAtStart() throws Exception {
    try (HubClient legacyHub = new HubClient(broker.tcpUrl())) {
      legacyHub.publish(Topics.desired(DEVICE), desired(7, "reg.local/web:1"), true);
      agent = startAgent(runtime, broker.port());
      await().until(() -> agent.syncMetrics().rejected() == 1);
      assertThat(runtime.containers()).isEmpty();
      agent.close();

      List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.logging.Handler capture =
          new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
              if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(r.getMessage());
              }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      java.util.logging.Logger log = java.util.logging.Logger.getLogger(Agent.class.getName());
      log.addHandler(capture);
      try {
        agent =
            Agent.start(
                config().withInsecureUnsignedDesired(true),
                vertx,
                (v, c) -> runtime,
                Clock.systemUTC());
      } finally {
        log.removeHandler(capture);
      }
      assertThat(warnings)
          .anyMatch(w -> w.startsWith("--insecure-unsigned-desired") && w.contains("ANY"));
      await().until(() -> reportedApplied(7));
      assertThat(runtime.containers()).containsOnlyKeys("web.r1");
    }
  }

  private List<Presence> presences() {
    return hub.on(Topics.presence(DEVICE)).stream()
        .map(
            r -> {
              try {
                return WireJson.mapper().readValue(r.payload(), Presence.class);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }
}
