package dev.skerry.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.control.HealthPort;
import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.health.HealthMonitor;
import dev.skerry.agent.health.HealthStatus;
import dev.skerry.agent.runtime.ContainerdRuntime;
import dev.skerry.agent.runtime.ItEnv;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import dev.skerry.core.wire.WorkloadSpec.HttpGet;
import dev.skerry.core.wire.WorkloadStatus;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler with the real health monitor on real containerd: probes decide health, and a
 * container that stays unhealthy is restarted under its policy.
 */
class HealthRestartIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private final Clock clock = Clock.systemUTC();
  private final AgentStores store = InMemoryStores.create(clock, 100, 100);
  private Vertx vertx;
  private ContainerdRuntime runtime;
  private HealthMonitor monitor;
  private Reconciler reconciler;

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
    runtime =
        new ContainerdRuntime(
            vertx,
            ItEnv.config(
                ItEnv.uniqueNamespace("health"),
                ItEnv.tempDir(),
                new Platform("linux", "amd64", "")));
    monitor = new HealthMonitor(vertx, runtime, (id, health, why) -> reconciler.trigger());
    HealthPort port =
        new HealthPort() {
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
        };
    reconciler = new Reconciler(runtime, store, clock, Duration.ofSeconds(2), port);
  }

  @AfterEach
  void tearDown() {
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
    }
  }

  private void desire(String policy, List<String> command, HealthCheck check) throws Exception {
    WorkloadSpec spec =
        new WorkloadSpec(
            "probed",
            ItEnv.get("SKERRY_IT_IMAGE"),
            command,
            null,
            null,
            policy,
            null,
            null,
            check,
            "host");
    byte[] doc =
        WireJson.mapper()
            .writeValueAsBytes(
                new DesiredDocument(
                    Topics.PROTOCOL_VERSION,
                    "dev1",
                    1,
                    clock.instant(),
                    List.of(new DesiredWorkload("demo", 1, spec))));
    store.desired().replaceDesired(1, doc).join();
    reconciler.start();
  }

  private WorkloadStatus status() {
    List<WorkloadStatus> workloads = reconciler.snapshot().workloads();
    assertThat(workloads).as("the first pass has run").hasSize(1);
    return workloads.get(0);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void restartsContainerWhoseHttpCheckFailsAndSaysWhy() throws Exception {
    int port = freePort();
    // First run: serve for 8 s, then stop serving but keep running. After the restart (same
    // rootfs, so /restarted exists) serve for good.
    String script =
        "mkdir -p /www && echo ok > /www/index.html; "
            + "if [ -f /restarted ]; then exec httpd -f -p "
            + port
            + " -h /www; fi; touch /restarted; httpd -f -p "
            + port
            + " -h /www & pid=$!; sleep 8; kill $pid; exec sleep 3600";
    desire(
        "always",
        List.of("sh", "-c", script),
        new HealthCheck(null, new HttpGet(port, "/index.html"), null, 1, 1, 2, 0));

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(status().health()).isEqualTo("healthy"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              WorkloadStatus s = status();
              assertThat(s.restarts()).isEqualTo(1);
              assertThat(s.state()).isEqualTo("running");
              assertThat(s.health()).isEqualTo("healthy");
              assertThat(s.message())
                  .startsWith("restarted: health check failed: 2 consecutive failures");
            });
  }

  @Test
  void leavesUnhealthyContainerRunningUnderPolicyNeverWithExecCheck() throws Exception {
    desire(
        "never",
        List.of("sh", "-c", "touch /tmp/ok; sleep 6; rm /tmp/ok; exec sleep 3600"),
        new HealthCheck(List.of("test", "-f", "/tmp/ok"), null, null, 1, 2, 2, 0));

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(status().health()).isEqualTo("healthy"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              WorkloadStatus s = status();
              assertThat(s.health()).isEqualTo("unhealthy");
              assertThat(s.message()).startsWith("unhealthy: 2 consecutive failures");
            });
    assertThat(status().state()).isEqualTo("running");
    assertThat(status().restarts()).isZero();
  }
}
