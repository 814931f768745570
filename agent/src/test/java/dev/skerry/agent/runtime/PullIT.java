package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.containerd.services.content.v1.ContentGrpc;
import dev.skerry.containerd.services.content.v1.InfoRequest;
import dev.skerry.containerd.services.images.v1.GetImageRequest;
import dev.skerry.containerd.services.images.v1.ImagesGrpc;
import dev.skerry.containerd.services.snapshots.v1.SnapshotsGrpc;
import dev.skerry.containerd.services.snapshots.v1.StatSnapshotRequest;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PullIT {
  private static final Platform AMD64 = new Platform("linux", "amd64", "");
  private final List<ContainerdRuntime> runtimes = new ArrayList<>();
  private Vertx vertx;
  private Path dataDir;
  private String registry;
  private String image;

  @BeforeEach
  void setUp() {
    registry = ItEnv.get("SKERRY_IT_REGISTRY");
    image = ItEnv.get("SKERRY_IT_IMAGE");
    vertx = ItEnv.vertx();
    dataDir = ItEnv.tempDir();
  }

  @AfterEach
  void tearDown() {
    for (ContainerdRuntime r : runtimes) {
      ItEnv.dropNamespace(r.client());
      r.close();
    }
    vertx.close();
  }

  private ContainerdRuntime runtime(Platform platform) {
    ContainerdRuntime r =
        new ContainerdRuntime(
            vertx, ItEnv.config(ItEnv.uniqueNamespace("pull"), dataDir, platform));
    runtimes.add(r);
    return r;
  }

  @Test
  void pullByTagPicksTheAmd64ManifestAndUnpacksIt() {
    ContainerdRuntime runtime = runtime(AMD64);
    AtomicLong lastDone = new AtomicLong();
    AtomicLong lastTotal = new AtomicLong();

    ResolvedImage pulled =
        runtime.ensureImage(
            image,
            (done, total) -> {
              lastDone.set(done);
              lastTotal.set(total);
            });

    assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_AMD64_MANIFEST_DIGEST"));
    assertThat(pulled.reference()).isEqualTo(image);
    assertThat(pulled.config().cmd()).containsExactly("sh");
    assertThat(pulled.config().env()).anyMatch(e -> e.startsWith("PATH="));
    assertThat(lastTotal.get()).isPositive().isEqualTo(lastDone.get());
    ContainerdClient client = runtime.client();
    var record =
        client
            .call(ImagesGrpc.getGetMethod(), GetImageRequest.newBuilder().setName(image).build())
            .getImage();
    assertThat(record.getTarget().getDigest()).isEqualTo(ItEnv.get("SKERRY_IT_IMAGE_DIGEST"));
    assertThat(
            client
                .call(
                    SnapshotsGrpc.getStatMethod(),
                    StatSnapshotRequest.newBuilder()
                        .setSnapshotter("overlayfs")
                        .setKey(pulled.chainId())
                        .build())
                .getInfo()
                .getName())
        .isEqualTo(pulled.chainId());
    var index =
        client
            .call(
                ContentGrpc.getInfoMethod(),
                InfoRequest.newBuilder().setDigest(ItEnv.get("SKERRY_IT_IMAGE_DIGEST")).build())
            .getInfo();
    assertThat(index.getLabelsMap())
        .containsEntry("containerd.io/gc.ref.content.m.0", pulled.digest());
    var manifest =
        client
            .call(
                ContentGrpc.getInfoMethod(),
                InfoRequest.newBuilder().setDigest(pulled.digest()).build())
            .getInfo();
    String configDigest = manifest.getLabelsMap().get("containerd.io/gc.ref.content.config");
    String layerDigest = manifest.getLabelsMap().get("containerd.io/gc.ref.content.l.0");
    assertThat(configDigest).startsWith("sha256:");
    var config =
        client
            .call(
                ContentGrpc.getInfoMethod(),
                InfoRequest.newBuilder().setDigest(configDigest).build())
            .getInfo();
    assertThat(config.getLabelsMap())
        .containsEntry("containerd.io/gc.ref.snapshot.overlayfs", pulled.chainId());
    var layer =
        client
            .call(
                ContentGrpc.getInfoMethod(),
                InfoRequest.newBuilder().setDigest(layerDigest).build())
            .getInfo();
    // One layer: its diff id is the chain id.
    assertThat(layer.getLabelsMap()).containsEntry("containerd.io/uncompressed", pulled.chainId());

    ResolvedImage found = runtime.findImage(image);
    assertThat(found).isEqualTo(pulled);
  }

  @Test
  void pullWithPlatformArm64PicksTheArm64Manifest() {
    ContainerdRuntime runtime = runtime(Platform.parse("linux/arm64"));

    ResolvedImage pulled = runtime.ensureImage(image, ContainerRuntime.PullProgress.NONE);

    assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_ARM64_MANIFEST_DIGEST"));
    assertThat(runtime.findImage(image).digest()).isEqualTo(pulled.digest());
  }

  @Test
  void pullByDigestResolvesThePinnedIndex() {
    ContainerdRuntime runtime = runtime(AMD64);
    String byDigest = registry + "/skerry/busybox@" + ItEnv.get("SKERRY_IT_IMAGE_DIGEST");

    ResolvedImage pulled = runtime.ensureImage(byDigest, ContainerRuntime.PullProgress.NONE);

    assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_AMD64_MANIFEST_DIGEST"));
    assertThat(runtime.findImage(byDigest)).isEqualTo(pulled);
  }

  @Test
  void secondEnsureImageIsFastAndFetchesNothing() {
    ContainerdRuntime runtime = runtime(AMD64);
    String v2 = ItEnv.get("SKERRY_IT_IMAGE_V2");
    ResolvedImage first = runtime.ensureImage(v2, ContainerRuntime.PullProgress.NONE);
    long requests = runtime.registryRequests();

    long start = System.nanoTime();
    ResolvedImage second = runtime.ensureImage(v2, ContainerRuntime.PullProgress.NONE);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(second).isEqualTo(first);
    assertThat(runtime.registryRequests()).isEqualTo(requests);
    assertThat(millis).isLessThan(500);
  }

  @Test
  void concurrentEnsureImageCallsShareOnePull() throws Exception {
    ContainerdRuntime runtime = runtime(AMD64);
    String big = ItEnv.get("SKERRY_IT_BIG_IMAGE");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ResolvedImage>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return runtime.ensureImage(big, ContainerRuntime.PullProgress.NONE);
                }));
      }
      go.countDown();
      for (Future<ResolvedImage> r : results) {
        assertThat(r.get().digest()).isEqualTo(ItEnv.get("SKERRY_IT_BIG_IMAGE_DIGEST"));
      }
      assertThat(runtime.pullsStarted()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void callerJoiningASharedPullSeesItsProgressToo() throws Exception {
    ContainerdRuntime runtime = runtime(AMD64);
    String big = ItEnv.get("SKERRY_IT_BIG_IMAGE");
    CountDownLatch secondJoined = new CountDownLatch(1);
    AtomicLong firstDone = new AtomicLong();
    AtomicLong secondDone = new AtomicLong();
    AtomicLong secondTotal = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<ResolvedImage> first =
          pool.submit(
              () ->
                  runtime.ensureImage(
                      big,
                      (done, total) -> {
                        firstDone.set(done);
                        // Hold the pull at its first figures until the second caller has joined.
                        awaitQuietly(secondJoined);
                      }));
      await().until(() -> firstDone.get() > 0);
      Future<ResolvedImage> second =
          pool.submit(
              () ->
                  runtime.ensureImage(
                      big,
                      (done, total) -> {
                        secondDone.set(done);
                        secondTotal.set(total);
                        secondJoined.countDown();
                      }));

      assertThat(second.get().digest()).isEqualTo(first.get().digest());
      assertThat(runtime.pullsStarted()).isEqualTo(1);
      assertThat(secondTotal.get()).isGreaterThan(10L * 1024 * 1024);
      assertThat(secondDone.get()).isEqualTo(secondTotal.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void findImageWorksWithoutTheNetwork() {
    ContainerdRuntime puller = runtime(AMD64);
    ResolvedImage pulled = puller.ensureImage(image, ContainerRuntime.PullProgress.NONE);
    // A second runtime on the same namespace whose registry is unknown (HTTPS, nothing there).
    ContainerdRuntime offline =
        new ContainerdRuntime(
            vertx,
            new RuntimeConfig(
                Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")),
                puller.client().namespace(),
                dataDir,
                Set.of(),
                AMD64,
                List.of()));
    try {
      assertThat(offline.findImage(image)).isEqualTo(pulled);
      assertThat(offline.findImage(registry + "/skerry/busybox:absent")).isNull();
      assertThat(offline.registryRequests()).isZero();
    } finally {
      offline.close();
    }
  }

  @Test
  void nonexistentTagIsImageNotFoundAndNotRetryable() {
    ContainerdRuntime runtime = runtime(AMD64);

    RuntimeFailure failure =
        catchThrowableOfType(
            RuntimeFailure.class,
            () ->
                runtime.ensureImage(
                    registry + "/skerry/busybox:no-such-tag", ContainerRuntime.PullProgress.NONE));

    assertThat(failure.reason()).isEqualTo("ImageNotFound");
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void repositoryOrDigestNotInTheRegistryIsImageNotFound() {
    ContainerdRuntime runtime = runtime(AMD64);
    String missingDigest = "sha256:" + "0".repeat(64);

    for (String ref :
        List.of(registry + "/skerry/not-pushed:1", registry + "/skerry/busybox@" + missingDigest)) {
      RuntimeFailure failure =
          catchThrowableOfType(
              RuntimeFailure.class,
              () -> runtime.ensureImage(ref, ContainerRuntime.PullProgress.NONE));
      assertThat(failure.reason()).as(ref).isEqualTo("ImageNotFound");
      assertThat(failure.retryable()).as(ref).isFalse();
    }
  }

  @Test
  void unreachableRegistryIsARetryableFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String host = "127.0.0.1:" + closedPort;
    ContainerdRuntime runtime =
        new ContainerdRuntime(
            vertx,
            new RuntimeConfig(
                Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")),
                ItEnv.uniqueNamespace("unreach"),
                dataDir,
                Set.of(host),
                AMD64,
                List.of()));
    runtimes.add(runtime);

    RuntimeFailure failure =
        catchThrowableOfType(
            RuntimeFailure.class,
            () ->
                runtime.ensureImage(
                    host + "/skerry/busybox:1", ContainerRuntime.PullProgress.NONE));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.reason()).isEqualTo("ImagePullFailed");
    assertThat(failure.getMessage()).contains("unreachable");
  }

  @Test
  void badReferenceSyntaxIsAClearNotRetryableFailure() {
    ContainerdRuntime runtime = runtime(AMD64);

    assertThatThrownBy(
            () ->
                runtime.ensureImage(
                    registry + "/Skerry/BusyBox:1", ContainerRuntime.PullProgress.NONE))
        .isInstanceOfSatisfying(
            RuntimeFailure.class,
            f -> {
              assertThat(f.reason()).isEqualTo("InvalidReference");
              assertThat(f.retryable()).isFalse();
              assertThat(f.getMessage()).contains("Skerry");
            });
  }

  @Test
  void blobsAnotherNamespaceAlreadyHoldsAreClaimedWithoutDownloadingThemAgain() {
    String big = ItEnv.get("SKERRY_IT_BIG_IMAGE");
    runtime(AMD64).ensureImage(big, ContainerRuntime.PullProgress.NONE);

    ContainerdRuntime second = runtime(AMD64);
    ResolvedImage pulled = second.ensureImage(big, ContainerRuntime.PullProgress.NONE);

    assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_BIG_IMAGE_DIGEST"));
    assertThat(second.findImage(big)).isEqualTo(pulled);
    // Manifests and config are fetched again (they are tiny); the 10 MiB layer is not.
    assertThat(second.registryBytes()).isLessThan(1024L * 1024);
  }

  @Test
  void bigImagePullFromTheLoopbackRegistry() {
    ContainerdRuntime runtime = runtime(AMD64);
    String big = ItEnv.get("SKERRY_IT_BIG_IMAGE");

    long start = System.nanoTime();
    ResolvedImage pulled = runtime.ensureImage(big, ContainerRuntime.PullProgress.NONE);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_BIG_IMAGE_DIGEST"));
    assertThat(pulled.sizeBytes()).isGreaterThan(10L * 1024 * 1024);
    System.getLogger(PullIT.class.getName())
        .log(
            System.Logger.Level.INFO,
            "MEASURE big image pull: "
                + millis
                + " ms, image "
                + pulled.sizeBytes()
                + " bytes, downloaded "
                + runtime.registryBytes()
                + " bytes");
  }
}
