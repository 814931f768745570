package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pulls into a containerd whose root is a 16 MiB tmpfs; the big test image is 10 MiB. */
class ImageDiskFullIT {
  private static final Platform AMD64 = new Platform("linux", "amd64", "");
  private PrivateContainerd containerd;
  private Vertx vertx;
  private ContainerdRuntime runtime;

  @BeforeEach
  void setUp() throws Exception {
    containerd = PrivateContainerd.onTmpfs(16);
    vertx = ItEnv.vertx();
  }

  @AfterEach
  void tearDown() {
    if (runtime != null) {
      runtime.close();
    }
    vertx.close();
    containerd.close();
  }

  private ContainerdRuntime runtime(double sizeFactor) {
    runtime =
        new ContainerdRuntime(
            vertx,
            new RuntimeConfig(
                containerd.socket(),
                "skerry-it-disk",
                ItEnv.tempDir(),
                Set.of(ItEnv.get("SKERRY_IT_REGISTRY")),
                AMD64,
                List.of(),
                Map.of(),
                null,
                new ImageStorage(containerd.root(), sizeFactor, 85)));
    return runtime;
  }

  @Test
  void pullThatCannotFitIsRefusedBeforeAnyLayerIsDownloaded() {
    ContainerdRuntime runtime = runtime(3.0);

    RuntimeFailure failure =
        catchThrowableOfType(
            RuntimeFailure.class,
            () ->
                runtime.ensureImage(
                    ItEnv.get("SKERRY_IT_BIG_IMAGE"), ContainerRuntime.PullProgress.NONE));

    assertThat(failure.reason()).isEqualTo("DiskFull");
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage())
        .contains("skerry/big:1 needs about 3")
        .contains(containerd.root().toString());
    assertThat(runtime.registryBytes()).isLessThan(64 * 1024);
  }

  @Test
  void smallImageFitsOnTheSameDisk() {
    ContainerdRuntime runtime = runtime(3.0);

    ResolvedImage pulled =
        runtime.ensureImage(ItEnv.get("SKERRY_IT_IMAGE"), ContainerRuntime.PullProgress.NONE);

    assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_AMD64_MANIFEST_DIGEST"));
  }

  @Test
  void diskThatFillsDuringThePullIsDiskFullToo() {
    // A factor of 1 lets the pull start: the 10 MiB blob fits, its unpacked copy does not.
    ContainerdRuntime runtime = runtime(1.0);

    RuntimeFailure failure =
        catchThrowableOfType(
            RuntimeFailure.class,
            () ->
                runtime.ensureImage(
                    ItEnv.get("SKERRY_IT_BIG_IMAGE"), ContainerRuntime.PullProgress.NONE));

    assertThat(failure.reason()).as(failure.getMessage()).isEqualTo("DiskFull");
    assertThat(failure.getMessage()).contains("no space left on device");
  }
}
