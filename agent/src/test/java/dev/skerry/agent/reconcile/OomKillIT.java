package dev.skerry.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.control.HealthPort;
import dev.skerry.agent.control.Reconciler;
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
import dev.skerry.core.wire.WorkloadStatus;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciler on real containerd: a memory hog is reported OOM-killed and restarted. */
class OomKillIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private final Clock clock = Clock.systemUTC();
  private final AgentStores store = InMemoryStores.create(clock, 100, 100);
  private Vertx vertx;
  private ContainerdRuntime runtime;
  private Reconciler reconciler;

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
    runtime =
        new ContainerdRuntime(
            vertx,
            ItEnv.config(
                ItEnv.uniqueNamespace("oomkill"),
                ItEnv.tempDir(),
                new Platform("linux", "amd64", "")));
    reconciler = new Reconciler(runtime, store, clock, Duration.ofSeconds(2), HealthPort.NONE);
  }

  @AfterEach
  void tearDown() {
    try {
      reconciler.close();
      for (Container c : runtime.list()) {
        runtime.remove(c.id());
      }
      ItEnv.dropNamespace(runtime);
    } finally {
      runtime.close();
      vertx.close();
    }
  }

  private WorkloadStatus status() {
    List<WorkloadStatus> workloads = reconciler.snapshot().workloads();
    assertThat(workloads).as("the first pass has run").hasSize(1);
    return workloads.get(0);
  }

  @Test
  void memoryHogIsShownOomKilledAndRestartedUnderPolicyAlways() throws Exception {
    WorkloadSpec spec =
        new WorkloadSpec(
            "hog",
            ItEnv.get("SKERRY_IT_IMAGE"),
            List.of("sh", "-c", "a=0123456789abcdef; while :; do a=\"$a$a\"; done"),
            null,
            null,
            "always",
            new WorkloadSpec.Resources(16, null),
            null,
            null,
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

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              WorkloadStatus s = status();
              assertThat(s.state()).isEqualTo("exited");
              assertThat(s.exitCode()).isEqualTo(137);
              assertThat(s.message())
                  .startsWith("OOM-killed: over its memory limit of 16 MiB; back-off");
            });
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(status().restarts()).isGreaterThanOrEqualTo(1));
  }
}
