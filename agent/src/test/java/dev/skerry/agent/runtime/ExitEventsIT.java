package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.containerd.services.tasks.v1.GetRequest;
import dev.skerry.containerd.services.tasks.v1.KillRequest;
import dev.skerry.containerd.services.tasks.v1.TasksGrpc;
import dev.skerry.containerd.types.task.Status;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Exit events survive a broken event stream (containerd restarting), through a cuttable proxy. */
class ExitEventsIT {

  @Test
  void resubscribesAfterTheStreamBreaksAndReportsExitsMissedMeanwhile() throws Exception {
    Path real = Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET"));
    Path dataDir = ItEnv.tempDir();
    String namespace = ItEnv.uniqueNamespace("events");
    Vertx vertx = ItEnv.vertx();
    List<ExitEvent> exits = new CopyOnWriteArrayList<>();
    try (UnixSocketProxy proxy = new UnixSocketProxy(dataDir.resolve("ctrd.sock"), real);
        ContainerdRuntime runtime =
            new ContainerdRuntime(
                vertx,
                new RuntimeConfig(
                    dataDir.resolve("ctrd.sock"),
                    namespace,
                    dataDir,
                    Set.of(ItEnv.get("SKERRY_IT_REGISTRY")),
                    new Platform("linux", "amd64", ""),
                    List.of()));
        ContainerdClient direct = new ContainerdClient(vertx, real, namespace)) {
      runtime.onExit(exits::add);
      ResolvedImage image =
          runtime.ensureImage(ItEnv.get("SKERRY_IT_IMAGE"), ContainerRuntime.PullProgress.NONE);
      ContainerSpec missed = spec("missed", List.of("sleep", "3600"), image);
      ContainerSpec later = spec("later", List.of("sh", "-c", "sleep 0.5; exit 3"), image);
      try {
        runtime.createAndStart(missed);

        proxy.down();
        direct.call(
            TasksGrpc.getKillMethod(),
            KillRequest.newBuilder().setContainerId(missed.id()).setSignal(9).setAll(true).build());
        // The exit happens while the agent cannot hear it.
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    direct
                            .call(
                                TasksGrpc.getGetMethod(),
                                GetRequest.newBuilder().setContainerId(missed.id()).build())
                            .getProcess()
                            .getStatus()
                        == Status.STOPPED);
        assertThat(exits).isEmpty();
        proxy.up();

        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(exits)
                        .anySatisfy(
                            e -> {
                              assertThat(e.containerId()).isEqualTo(missed.id());
                              assertThat(e.exitStatus()).isEqualTo(137);
                            }));

        runtime.createAndStart(later);
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(exits)
                        .anySatisfy(
                            e -> {
                              assertThat(e.containerId()).isEqualTo(later.id());
                              assertThat(e.exitStatus()).isEqualTo(3);
                            }));
      } finally {
        runtime.remove(missed.id());
        runtime.remove(later.id());
        ItEnv.dropNamespace(direct);
      }
    } finally {
      vertx.close();
    }
  }

  private static ContainerSpec spec(String name, List<String> command, ResolvedImage image) {
    WorkloadSpec w =
        new WorkloadSpec(
            name, image.reference(), command, null, null, null, null, null, null, "none");
    return new ContainerSpec(ContainerIds.of(name, 1), "demo", 1, "h", w, image);
  }
}
