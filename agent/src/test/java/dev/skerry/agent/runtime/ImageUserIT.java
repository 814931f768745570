package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An image whose config names its user runs as that user's uid and gid. */
class ImageUserIT {
  private final List<String> created = new ArrayList<>();
  private Vertx vertx;
  private Path dataDir;
  private ContainerdRuntime runtime;
  private ResolvedImage image;

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
    dataDir = ItEnv.tempDir();
    runtime =
        new ContainerdRuntime(
            vertx,
            ItEnv.config(
                ItEnv.uniqueNamespace("user"), dataDir, new Platform("linux", "amd64", "")));
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

  /** The test image with its config's User set as an image author would. */
  private ContainerSpec specRunningAs(String name, String user) {
    ResolvedImage.ImageConfig c = image.config();
    ResolvedImage named =
        new ResolvedImage(
            image.reference(),
            image.digest(),
            image.chainId(),
            new ResolvedImage.ImageConfig(
                c.entrypoint(), c.cmd(), c.env(), c.workingDir(), user, c.labels()),
            image.sizeBytes());
    WorkloadSpec workload =
        new WorkloadSpec(
            name,
            image.reference(),
            List.of("sh", "-c", "echo \"$(id -u):$(id -g)\""),
            null,
            Map.of(),
            "never",
            null,
            null,
            null,
            null);
    String id = ContainerIds.of(name, 1);
    created.add(id);
    return new ContainerSpec(id, "user", 1, "h", workload, named);
  }

  @Test
  void userNameFromTheImageConfigIsResolvedThroughItsEtcPasswd() throws Exception {
    ContainerSpec spec = specRunningAs("as-nobody", "nobody");

    runtime.createAndStart(spec);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                runtime.list().stream()
                    .anyMatch(c -> c.id().equals(spec.id()) && c.task() == TaskState.STOPPED));
    assertThat(Files.readString(dataDir.resolve("logs").resolve(spec.id() + ".log")))
        .isEqualTo("65534:65534\n");
  }

  @Test
  void userNameTheImageDoesNotKnowIsANotRetryableCreateFailure() {
    ContainerSpec spec = specRunningAs("as-ghost", "ghost");

    RuntimeFailure failure =
        catchThrowableOfType(RuntimeFailure.class, () -> runtime.createAndStart(spec));

    assertThat(failure.reason()).isEqualTo("CreateFailed");
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("'ghost' is not in the image's /etc/passwd");
  }
}
