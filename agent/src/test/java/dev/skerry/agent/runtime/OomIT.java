package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memory limits reach the container's cgroup, and a container over its limit is OOM-killed. */
class OomIT {
  /** Doubles a shell variable until the kernel kills the shell. */
  static final List<String> MEMORY_HOG =
      List.of("sh", "-c", "a=0123456789abcdef; while :; do a=\"$a$a\"; done");

  private final List<String> created = new ArrayList<>();
  private Vertx vertx;
  private ContainerdRuntime runtime;
  private ResolvedImage image;

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
    runtime =
        new ContainerdRuntime(
            vertx,
            ItEnv.config(
                ItEnv.uniqueNamespace("oom"), ItEnv.tempDir(), new Platform("linux", "amd64", "")));
    image = runtime.ensureImage(ItEnv.get("SKERRY_IT_IMAGE"), ContainerRuntime.PullProgress.NONE);
  }

  @AfterEach
  void tearDown() {
    try {
      for (String id : created) {
        runtime.remove(id);
      }
      ItEnv.dropNamespace(runtime.client());
    } finally {
      runtime.close();
      vertx.close();
    }
  }

  private String start(String name, List<String> command, int memoryMiB) {
    WorkloadSpec workload =
        new WorkloadSpec(
            name,
            image.reference(),
            command,
            null,
            Map.of(),
            "never",
            new WorkloadSpec.Resources(memoryMiB, null),
            null,
            null,
            null);
    String id = ContainerIds.of(name, 1);
    created.add(id);
    runtime.createAndStart(new ContainerSpec(id, "oom", 1, "h", workload, image));
    return id;
  }

  private Container observed(String id) {
    return runtime.list().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void memoryLimitIsWrittenToTheContainersCgroup() {
    String id = start("capped", List.of("sleep", "3600"), 24);

    assertThat(runtime.memoryLimit(id)).hasValue(24L * 1024 * 1024);
    runtime.stop(id, Duration.ofSeconds(1));
  }

  @Test
  void containerOverItsMemoryLimitIsSeenAsOomKilled() {
    String id = start("hog", MEMORY_HOG, 16);

    await().atMost(Duration.ofSeconds(30)).until(() -> observed(id).task() == TaskState.STOPPED);
    Container hog = observed(id);

    assertThat(hog.exitCode()).isEqualTo(137);
    assertThat(hog.oomKilled()).isTrue();
  }

  @Test
  void agentThatMissedTheOomEventStillSeesItInTheCgroup() {
    String id = start("hog", MEMORY_HOG, 16);
    await().atMost(Duration.ofSeconds(30)).until(() -> observed(id).task() == TaskState.STOPPED);

    try (ContainerdRuntime restarted = new ContainerdRuntime(vertx, runtime.config())) {
      Container hog =
          restarted.list().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();

      assertThat(hog.oomKilled()).isTrue();
    }
  }

  @Test
  void containerStoppedWithSigkillIsNotOomKilled() {
    String id = start("stubborn", List.of("sleep", "3600"), 16);

    runtime.stop(id, Duration.ofMillis(200));
    Container stopped = observed(id);

    assertThat(stopped.exitCode()).isEqualTo(137);
    assertThat(stopped.oomKilled()).isFalse();
  }
}
