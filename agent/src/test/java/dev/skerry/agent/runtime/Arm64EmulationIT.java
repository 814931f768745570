package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent configured as linux/arm64 on this x86 machine: it pulls the arm64 variant of the test
 * image's index and runs it under Debian's qemu-user-static, registered in binfmt_misc by
 * dev/testenv.sh (which exports SKERRY_IT_ARM64_EMULATION=1 when the registration worked).
 */
class Arm64EmulationIT {
  private Vertx vertx;
  private Path dataDir;
  private ContainerdRuntime runtime;
  private String id;

  @BeforeEach
  void setUp() {
    assumeTrue(
        "1".equals(System.getenv("SKERRY_IT_ARM64_EMULATION")),
        "arm64 emulation is not registered in binfmt_misc (dev/testenv.sh does it as root)");
    vertx = ItEnv.vertx();
    dataDir = ItEnv.tempDir();
    runtime =
        new ContainerdRuntime(
            vertx,
            ItEnv.config(
                ItEnv.uniqueNamespace("arm64"),
                dataDir,
                Platform.parse("linux/arm64"),
                List.of(dataDir)));
  }

  @AfterEach
  void tearDown() {
    if (runtime == null) {
      return;
    }
    try {
      if (id != null) {
        runtime.remove(id);
      }
      ItEnv.dropNamespace(runtime.client());
    } finally {
      runtime.close();
      vertx.close();
    }
  }

  @Test
  void anAgentActingAsArm64PullsTheArm64VariantAndRunsItUnderEmulation() {
    ResolvedImage image =
        runtime.ensureImage(ItEnv.get("SKERRY_IT_IMAGE"), ContainerRuntime.PullProgress.NONE);
    assertThat(image.digest()).isEqualTo(ItEnv.get("SKERRY_IT_ARM64_MANIFEST_DIGEST"));

    WorkloadSpec workload =
        new WorkloadSpec(
            "arm",
            image.reference(),
            List.of("sh", "-c", "echo machine=$(uname -m); sleep 3600"),
            null,
            Map.of(),
            "always",
            null,
            null,
            null,
            "none");
    id = ContainerIds.of("arm", 1);
    runtime.createAndStart(new ContainerSpec(id, "demo", 1, "hash-arm", workload, image));

    Path log = dataDir.resolve("logs").resolve(id + ".log");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(log).exists().content().contains("machine=aarch64"));
    assertThat(runtime.list())
        .filteredOn(c -> c.id().equals(id))
        .singleElement()
        .satisfies(c -> assertThat(c.task()).isEqualTo(Container.TaskState.RUNNING));
  }
}
