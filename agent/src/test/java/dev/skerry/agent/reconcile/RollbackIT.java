package dev.skerry.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.control.HealthPort;
import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.health.Health;
import dev.skerry.agent.health.HealthMonitor;
import dev.skerry.agent.health.HealthStatus;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.runtime.ContainerIds;
import dev.skerry.agent.runtime.ContainerdRuntime;
import dev.skerry.agent.runtime.ItEnv;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.SqliteStores;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.DesiredWorkload.Rollout;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import dev.skerry.core.wire.WorkloadStatus;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates on real containerd with the real health monitor and a real agent.db, and no hub at all:
 * an update that does not become ready goes back to the last-known-good revision on its own.
 */
class RollbackIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  /** Leaves on SIGTERM within a second (busybox sh as PID 1 would ignore it). */
  private static final List<String> SERVE =
      List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done");

  private static final HealthCheck PASSES =
      new HealthCheck(List.of("true"), null, null, 1, 2, 1, 0);
  private static final HealthCheck FAILS =
      new HealthCheck(List.of("false"), null, null, 1, 2, 1, 0);

  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private AgentStores store;
  private Vertx vertx;
  private ContainerdRuntime runtime;
  private HealthMonitor monitor;
  private Reconciler reconciler;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final List<Sample> samples = new CopyOnWriteArrayList<>();

  /**
   * What the device looked like at one moment: running container ids, then (read after them) the
   * health of the new revision's container as the monitor sees it, and the status.
   */
  private record Sample(Map<String, Long> running, Health newHealth, WorkloadStatus status) {}

  @BeforeEach
  void setUp() {
    store = SqliteStores.open(dir.resolve("data"));
    vertx = ItEnv.vertx();
    runtime =
        new ContainerdRuntime(
            vertx,
            ItEnv.config(
                ItEnv.uniqueNamespace("rollback"),
                dir.resolve("runtime"),
                new Platform("linux", "amd64", "")));
    monitor = new HealthMonitor(vertx, runtime, (id, health, why) -> reconciler.trigger());
    reconciler = new Reconciler(runtime, store, clock, Duration.ofSeconds(2), new Port(monitor));
  }

  @AfterEach
  void tearDown() {
    sampler.shutdownNow();
    try {
      reconciler.close();
      monitor.close();
      for (Container c : runtime.list()) {
        runtime.remove(c.id());
      }
      ItEnv.dropNamespace(runtime);
    } finally {
      runtime.close();
      vertx.close();
      store.close();
    }
  }

  private static DesiredWorkload web(
      long revision, String image, HealthCheck check, String strategy, Rollout rollout) {
    return new DesiredWorkload(
        "site",
        revision,
        new WorkloadSpec(
            "web", image, SERVE, null, null, "always", null, null, check, "host", strategy),
        rollout);
  }

  private void desire(long revision, DesiredWorkload w) throws Exception {
    byte[] doc =
        WireJson.mapper()
            .writeValueAsBytes(
                new DesiredDocument(
                    Topics.PROTOCOL_VERSION, "dev1", revision, clock.instant(), List.of(w)));
    store.desired().replaceDesired(revision, doc).join();
    reconciler.trigger();
  }

  private WorkloadStatus status() {
    List<WorkloadStatus> all = reconciler.snapshot().workloads();
    return all.isEmpty() ? null : all.get(0);
  }

  /** Running containers by id, with the revision their label carries. */
  private Map<String, Long> running() {
    return runtime.list().stream()
        .filter(c -> c.task() == TaskState.RUNNING)
        .collect(
            Collectors.toMap(
                Container::id, c -> Long.parseLong(c.labels().get(ContainerIds.LABEL_REVISION))));
  }

  /** Starts revision 1 (healthy) and waits until it is the last-known-good. */
  private DesiredWorkload runRevisionOne(String strategy) throws Exception {
    DesiredWorkload v1 = web(1, ItEnv.get("SKERRY_IT_IMAGE"), PASSES, strategy, null);
    desire(1, v1);
    reconciler.start();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                store.rollback().lastKnownGood("web").map(LastKnownGood::revision).orElse(0L) == 1);
    assertThat(status().ready()).isTrue();
    return v1;
  }

  private void sampleEvery200ms() {
    sampler.scheduleWithFixedDelay(
        () -> {
          Map<String, Long> running = running();
          samples.add(new Sample(running, monitor.status("web.r2").health(), status()));
        },
        0,
        200,
        TimeUnit.MILLISECONDS);
  }

  private void awaitRolledBackFrom(long revision) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              WorkloadStatus s = status();
              assertThat(s.failedRevision()).isEqualTo(revision);
              assertThat(s.revision()).isEqualTo(1);
              assertThat(s.ready()).isTrue();
              assertThat(running()).containsExactly(Map.entry("web.r1", 1L));
            });
  }

  @Test
  void anUpdateWhoseHealthCheckFailsGoesBackToThePreviousRevisionOnItsOwn() throws Exception {
    runRevisionOne(null);
    Instant updated = clock.instant();
    desire(2, web(2, ItEnv.get("SKERRY_IT_IMAGE_V2"), FAILS, null, new Rollout(6, 1, true)));
    await().atMost(PATIENCE).until(() -> running().containsKey("web.r2"));

    awaitRolledBackFrom(2);
    WorkloadStatus s = status();
    assertThat(s.image()).isEqualTo(ItEnv.get("SKERRY_IT_IMAGE"));
    assertThat(s.state()).isEqualTo("running");
    assertThat(s.message())
        .startsWith("rolled back from revision 2: not ready within 6 s: unhealthy");
    assertThat(store.rollback().rolloutAttempts().get("web").failedAt())
        .isBetween(updated.plusSeconds(6), updated.plusSeconds(20));
    assertThat(store.events().recentEvents(20))
        .anyMatch(e -> e.kind().equals("rollback") && e.message().contains("to 1"));
    assertThat(store.rollback().lastKnownGood("web").orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void startFirstKeepsTheOldContainerRunningUntilTheNewOneIsReady() throws Exception {
    runRevisionOne("start-first");
    // Ready only after about 4 s (failures before that stay under the threshold): the old
    // container must run beside it until then.
    HealthCheck slow =
        new HealthCheck(List.of("test", "-f", "/tmp/ready"), null, null, 1, 2, 20, 0);
    DesiredWorkload v2 =
        new DesiredWorkload(
            "site",
            2,
            new WorkloadSpec(
                "web",
                ItEnv.get("SKERRY_IT_IMAGE_V2"),
                List.of(
                    "sh",
                    "-c",
                    "trap 'exit 0' TERM; sleep 4; touch /tmp/ready; while true; do sleep 1; done"),
                null,
                null,
                "always",
                null,
                null,
                slow,
                "host",
                "start-first"),
            new Rollout(60, 1, true));
    sampleEvery200ms();
    desire(2, v2);

    await()
        .atMost(PATIENCE)
        .until(() -> running().equals(Map.of("web.r2", 2L)) && status().ready());
    assertThat(samples)
        .as("both ran side by side while the new one was not ready")
        .anyMatch(x -> x.running().size() == 2);
    assertThat(samples)
        .as("the old container ran until the new one was ready")
        .allMatch(x -> x.running().containsKey("web.r1") || x.newHealth() == Health.HEALTHY);
    await()
        .atMost(PATIENCE)
        .until(() -> store.rollback().lastKnownGood("web").orElseThrow().revision() == 2);
  }

  @Test
  void anUpdateToABadImageKeepsTheOldContainerRunningAndEndsAsFailedRevision() throws Exception {
    runRevisionOne(null);
    sampleEvery200ms();
    String bad = ItEnv.get("SKERRY_IT_REGISTRY") + "/skerry/busybox:does-not-exist";
    desire(2, web(2, bad, PASSES, null, new Rollout(6, 1, true)));

    awaitRolledBackFrom(2);
    assertThat(status().message())
        .startsWith("rolled back from revision 2: not ready within 6 s: ");
    assertThat(samples)
        .as("the old container ran throughout")
        .isNotEmpty()
        .allMatch(x -> x.running().equals(Map.of("web.r1", 1L)));
  }

  @Test
  void aGoodUpdateBecomesReadyAndTheNewLastKnownGood() throws Exception {
    runRevisionOne(null);
    DesiredWorkload v2 =
        web(2, ItEnv.get("SKERRY_IT_IMAGE_V2"), PASSES, null, new Rollout(30, 1, true));
    desire(2, v2);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              WorkloadStatus s = status();
              assertThat(s.revision()).isEqualTo(2);
              assertThat(s.ready()).isTrue();
              assertThat(s.failedRevision()).isNull();
              assertThat(store.rollback().lastKnownGood("web").orElseThrow().desired())
                  .isEqualTo(v2);
              assertThat(store.rollback().rolloutAttempts()).isEmpty();
            });
    assertThat(running()).containsExactly(Map.entry("web.r2", 2L));
    assertThat(reconciler.snapshot().appliedRevision()).isEqualTo(2);
  }

  /** The reconciler's health port on the real monitor. */
  private record Port(HealthMonitor monitor) implements HealthPort {
    @Override
    public void watch(String id, String workload, HealthCheck check, Instant at) {
      monitor.start(id, workload, check, at);
    }

    @Override
    public void unwatch(String id) {
      monitor.stop(id);
    }

    @Override
    public HealthStatus status(String id) {
      return monitor.status(id);
    }
  }
}
