package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pull whose 10 MiB layer download breaks after 4 MiB resumes with a Range request. */
class ResumePullIT {
  private static final long CUT_AFTER = 4L * 1024 * 1024;
  private Vertx vertx;
  private CuttingProxy proxy;
  private ContainerdRuntime runtime;

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
    proxy = CuttingProxy.start(vertx, ItEnv.get("SKERRY_IT_REGISTRY"), CUT_AFTER);
    runtime =
        new ContainerdRuntime(
            vertx,
            new RuntimeConfig(
                Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")),
                ItEnv.uniqueNamespace("resume"),
                ItEnv.tempDir(),
                Set.of(proxy.address()),
                new Platform("linux", "amd64", ""),
                List.of()));
  }

  @AfterEach
  void tearDown() {
    ItEnv.dropNamespace(runtime.client());
    runtime.close();
    proxy.close();
    vertx.close();
  }

  @Test
  void secondAttemptAsksOnlyForTheBytesThatAreMissing() {
    String image = proxy.address() + "/skerry/big:1";

    RuntimeFailure first =
        catchThrowableOfType(
            RuntimeFailure.class,
            () -> runtime.ensureImage(image, ContainerRuntime.PullProgress.NONE));
    assertThat(proxy.hasCut()).isTrue();
    assertThat(first.reason()).isEqualTo("ImagePullFailed");
    assertThat(first.retryable()).isTrue();
    CuttingProxy.BlobRequest broken = proxy.blobRequests().get(proxy.blobRequests().size() - 1);
    long bytesBefore = proxy.blobBytes();

    ResolvedImage pulled = runtime.ensureImage(image, ContainerRuntime.PullProgress.NONE);

    assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_BIG_IMAGE_DIGEST"));
    CuttingProxy.BlobRequest resumed =
        proxy.blobRequests().stream()
            .filter(r -> r.path().equals(broken.path()) && r.range() != null)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Range request: " + proxy.blobRequests()));
    long from = Long.parseLong(resumed.range().replaceAll("bytes=(\\d+)-", "$1"));
    assertThat(from).isBetween(1024L * 1024, CUT_AFTER);
    assertThat(resumed.status()).isEqualTo(206);
    // The second attempt fetched the rest of the big layer, not all of it again.
    assertThat(proxy.blobBytes() - bytesBefore).isLessThan(10L * 1024 * 1024 - from + 64 * 1024);
  }
}
