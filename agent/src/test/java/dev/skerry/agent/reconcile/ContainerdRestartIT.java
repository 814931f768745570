package dev.skerry.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.control.HealthPort;
import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.runtime.ContainerdRuntime;
import dev.skerry.agent.runtime.ItEnv;
import dev.skerry.agent.runtime.PrivateContainerd;
import dev.skerry.agent.runtime.RuntimeConfig;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * containerd killed and started again under a running agent (its own containerd, so the shared test
 * containerd is not disturbed): the task keeps running under its shim and is adopted, not
 * duplicated or restarted; the agent talks to the new containerd, follows its event stream again,
 * and restarts the workload when its process dies afterwards.
 */
class ContainerdRestartIT {
  private static final String MARKER = "sleep 3613";
  private final Clock clock = Clock.systemUTC();
  private final AgentStores store = InMemoryStores.create(clock, 100, 100);
  private PrivateContainerd containerd;
  private Vertx vertx;
  private ContainerdRuntime runtime;
  private Reconciler reconciler;

  @BeforeEach
  void setUp() throws Exception {
    containerd = PrivateContainerd.onTmpfs(64);
    vertx = ItEnv.vertx();
    runtime =
        new ContainerdRuntime(
            vertx,
            new RuntimeConfig(
                containerd.socket(),
                ItEnv.uniqueNamespace("ctdrestart"),
                ItEnv.tempDir(),
                Set.of(ItEnv.get("SKERRY_IT_REGISTRY")),
                new Platform("linux", "amd64", ""),
                List.of()));
    reconciler = new Reconciler(runtime, store, clock, Duration.ofSeconds(2), HealthPort.NONE);
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (reconciler != null) {
        reconciler.close();
      }
      if (runtime != null) {
        for (Container c : runtime.list()) {
          runtime.remove(c.id());
        }
        runtime.close();
      }
      if (vertx != null) {
        vertx.close();
      }
    } finally {
      new ProcessBuilder("pkill", "-9", "-f", MARKER).start().waitFor();
      containerd.close();
    }
  }

  private List<Container> live() {
    return runtime.list().stream().filter(c -> c.task() == TaskState.RUNNING).toList();
  }

  @Test
  void afterAContainerdRestartTheTaskIsAdoptedAndExitsAreFollowedAgain() throws Exception {
    WorkloadSpec spec =
        new WorkloadSpec(
            "svc",
            ItEnv.get("SKERRY_IT_IMAGE"),
            List.of("sh", "-c", "exec " + MARKER),
            null,
            null,
            "always",
            null,
            null,
            null,
            "none");
    store
        .desired()
        .replaceDesired(
            1,
            WireJson.mapper()
                .writeValueAsBytes(
                    new DesiredDocument(
                        Topics.PROTOCOL_VERSION,
                        "dev1",
                        1,
                        clock.instant(),
                        List.of(new DesiredWorkload("demo", 1, spec)))))
        .join();
    reconciler.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> live().size() == 1);
    String id = live().get(0).id();

    containerd.killAndRestart();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(live()).extracting(Container::id).containsExactly(id);
              assertThat(reconciler.snapshot().workloads())
                  .singleElement()
                  .satisfies(
                      w -> {
                        assertThat(w.state()).isEqualTo("running");
                        assertThat(w.restarts()).isZero();
                      });
            });
    assertThat(runtime.list()).hasSize(1);

    Process kill = new ProcessBuilder("pkill", "-9", "-f", MARKER).start();
    assertThat(kill.waitFor()).as("the workload's process was found and killed").isZero();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(reconciler.snapshot().workloads().get(0).restarts()).isEqualTo(1);
              assertThat(live()).extracting(Container::id).containsExactly(id);
            });
  }
}
