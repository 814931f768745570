package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.ContainerSpec;
import dev.skerry.agent.runtime.ContainerdRuntime;
import dev.skerry.agent.runtime.ExitEvent;
import dev.skerry.agent.runtime.ItEnv;
import dev.skerry.agent.runtime.ResolvedImage;
import dev.skerry.agent.runtime.RuntimeConfig;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.SqliteStores;
import dev.skerry.core.systemd.ServiceManager;
import dev.skerry.core.systemd.ServiceManagers;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.testsupport.NotifySocket;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent under a notify socket as systemd gives it ({@code NOTIFY_SOCKET}, {@code
 * WATCHDOG_USEC}), with real containerd: systemd itself is not needed to see what it would be told.
 * A runtime whose {@code list()} can be made to hang stands in for a hung reconcile loop.
 */
class AgentSystemdIT {
  private static final Duration WATCHDOG = Duration.ofSeconds(1);
  private static final Duration STALL_LIMIT = Duration.ofSeconds(3);
  private static final List<String> SERVE =
      List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done");

  @TempDir Path dir;
  private final String namespace = ItEnv.uniqueNamespace("systemd");
  private Vertx vertx;
  private NotifySocket systemd;
  private ServiceManager manager;
  private HangingRuntime runtime;
  private Agent agent;

  @BeforeEach
  void start() {
    vertx = ItEnv.vertx();
    systemd = NotifySocket.abstractNamed("skerry-agent-it-" + namespace);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (runtime != null) {
      runtime.release();
    }
    if (agent != null) {
      agent.close();
    }
    if (manager != null) {
      manager.close();
    }
    systemd.close();
    ContainerRuntime observer =
        RuntimeFactory.containerd()
            .create(
                vertx,
                ItEnv.config(namespace, dir.resolve("observer"), RuntimeConfig.Platform.current()));
    try {
      for (Container c : observer.list()) {
        observer.remove(c.id());
      }
      ItEnv.dropNamespace((ContainerdRuntime) observer);
    } finally {
      observer.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void tellsSystemdItIsReadyAfterTheFirstReconcileAndWhatItRuns() throws Exception {
    storeOneWorkload();
    startAgent();

    await("READY=1").atMost(Duration.ofSeconds(90)).until(() -> !systemd.with("READY=1").isEmpty());
    assertThat(runtime.listed).as("containerd was asked before readiness").isPositive();
    assertThat(systemd.with("READY=1").get(0).assignments())
        .as("the status sent with READY=1 is after the first pass")
        .anySatisfy(a -> assertThat(a).startsWith("STATUS=").endsWith("workloads running"));
    await("the status line names the running workload")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                systemd
                    .values("STATUS")
                    .contains("offline-only (no hub), 1 of 1 workloads running"));
    assertThat(systemd.with("READY=1")).as("READY=1 is sent once").hasSize(1);

    agent.close();
    agent = null;
    assertThat(systemd.with("STOPPING=1")).hasSize(1);
    assertThat(systemd.values("STATUS")).last().isEqualTo("stopping; workloads keep running");
  }

  @Test
  void pingsTheWatchdogWhileTheLoopProgressesAndStopsWhenItHangs() throws Exception {
    startAgent();
    await("READY=1").atMost(Duration.ofSeconds(30)).until(() -> !systemd.with("READY=1").isEmpty());
    await("pings at half of WATCHDOG_USEC")
        .atMost(Duration.ofSeconds(10))
        .until(() -> systemd.with("WATCHDOG=1").size() >= 6);
    List<NotifySocket.Received> pings = systemd.with("WATCHDOG=1");
    long gap = pings.get(pings.size() - 1).atNanos() - pings.get(pings.size() - 2).atNanos();
    assertThat(Duration.ofNanos(gap)).isLessThan(WATCHDOG);

    runtime.hang();
    agent.reconcileNow();
    await("the loop is stuck in containerd").atMost(Duration.ofSeconds(10)).until(runtime::hanging);
    // Passes begin every resync (10 s) or on a trigger; the last sign of life is at most the
    // moment the hung pass began, so the pings end at most STALL_LIMIT later.
    await("the pings stop")
        .atMost(STALL_LIMIT.plusSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> quietFor(Duration.ofSeconds(2)));
    int stalled = systemd.with("WATCHDOG=1").size();
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
    assertThat(systemd.with("WATCHDOG=1")).as("no ping while hung").hasSize(stalled);

    runtime.release();
    await("the pings resume once the loop moves again")
        .atMost(Duration.ofSeconds(15))
        .until(() -> systemd.with("WATCHDOG=1").size() > stalled);
  }

  private boolean quietFor(Duration quiet) {
    List<NotifySocket.Received> pings = systemd.with("WATCHDOG=1");
    long last = pings.isEmpty() ? 0 : pings.get(pings.size() - 1).atNanos();
    return System.nanoTime() - last > quiet.toNanos();
  }

  private void startAgent() {
    manager =
        ServiceManagers.fromEnvironment(
            Map.of(
                "NOTIFY_SOCKET",
                systemd.address(),
                "WATCHDOG_USEC",
                Long.toString(WATCHDOG.toNanos() / 1000),
                "WATCHDOG_PID",
                Long.toString(ProcessHandle.current().pid())),
            ProcessHandle.current().pid());
    assertThat(manager.watchdogTimeout()).contains(WATCHDOG);
    AgentConfig config =
        new AgentConfig(
                null,
                "systemd-it",
                null,
                Map.of(),
                Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")),
                namespace,
                dir.resolve("data"),
                "127.0.0.1:0",
                Set.of(ItEnv.get("SKERRY_IT_REGISTRY")),
                AgentConfig.defaults().platform(),
                List.of(),
                AgentConfig.DEFAULT_LOG_MAX_BYTES,
                Map.of(),
                null,
                dev.skerry.agent.runtime.ImageStorage.defaults(),
                AgentConfig.DEFAULT_OUTBOX_MAX,
                null)
            .withInsecureUnsignedDesired(true);
    agent =
        Agent.start(
            config,
            vertx,
            (v, c) -> runtime = new HangingRuntime(RuntimeFactory.containerd().create(v, c)),
            Clock.systemUTC(),
            manager,
            STALL_LIMIT);
  }

  private void storeOneWorkload() throws Exception {
    DesiredWorkload web =
        new DesiredWorkload(
            "site",
            1,
            new WorkloadSpec(
                "web",
                ItEnv.get("SKERRY_IT_IMAGE"),
                SERVE,
                null,
                null,
                "always",
                null,
                null,
                null,
                "host"),
            null);
    byte[] doc =
        WireJson.mapper()
            .writeValueAsBytes(
                new DesiredDocument(1, "systemd-it", 1, Instant.now(), List.of(web)));
    try (AgentStores store = SqliteStores.open(dir.resolve("data"))) {
      assertThat(store.desired().replaceDesired(1, doc).join()).isTrue();
    }
  }

  /** Real containerd, whose {@code list()} blocks while {@link #hang()} is on: a hung loop. */
  private static final class HangingRuntime implements ContainerRuntime {
    private final ContainerRuntime real;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean inside;
    volatile int listed;

    HangingRuntime(ContainerRuntime real) {
      this.real = real;
    }

    void hang() {
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    boolean hanging() {
      return inside;
    }

    @Override
    public List<Container> list() {
      listed++;
      inside = true;
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inside = false;
      }
      return real.list();
    }

    @Override
    public ResolvedImage ensureImage(String reference, PullProgress progress) {
      return real.ensureImage(reference, progress);
    }

    @Override
    public ResolvedImage findImage(String reference) {
      return real.findImage(reference);
    }

    @Override
    public void createAndStart(ContainerSpec spec) {
      real.createAndStart(spec);
    }

    @Override
    public void restart(String containerId) {
      real.restart(containerId);
    }

    @Override
    public void stop(String containerId, Duration grace) {
      real.stop(containerId, grace);
    }

    @Override
    public void remove(String containerId) {
      real.remove(containerId);
    }

    @Override
    public List<String> collectImages(Set<String> keepReferences) {
      return real.collectImages(keepReferences);
    }

    @Override
    public void onExit(Consumer<ExitEvent> listener) {
      real.onExit(listener);
    }

    @Override
    public void close() {
      real.close();
    }
  }
}
