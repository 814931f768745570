package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.containerd.services.content.v1.ContentGrpc;
import dev.skerry.containerd.services.content.v1.InfoRequest;
import dev.skerry.containerd.services.snapshots.v1.SnapshotsGrpc;
import dev.skerry.containerd.services.snapshots.v1.StatSnapshotRequest;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Image GC on the shared containerd (its disk is fuller than a 1 % threshold). */
class ImageGcIT {
  private static final Platform AMD64 = new Platform("linux", "amd64", "");
  private Vertx vertx;
  private ContainerdRuntime runtime;
  private String containerId;

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
  }

  @AfterEach
  void tearDown() {
    if (containerId != null) {
      runtime.remove(containerId);
    }
    ItEnv.dropNamespace(runtime.client());
    runtime.close();
    vertx.close();
  }

  private ContainerdRuntime runtime(int thresholdPercent) {
    runtime =
        new ContainerdRuntime(
            vertx,
            new RuntimeConfig(
                Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")),
                ItEnv.uniqueNamespace("gc"),
                ItEnv.tempDir(),
                Set.of(ItEnv.get("SKERRY_IT_REGISTRY")),
                AMD64,
                List.of(),
                Map.of(),
                null,
                new ImageStorage(
                    Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")).getParent(),
                    ImageStorage.DEFAULT_SIZE_FACTOR,
                    thresholdPercent)));
    return runtime;
  }

  private ResolvedImage pull(String env) {
    return runtime.ensureImage(ItEnv.get(env), ContainerRuntime.PullProgress.NONE);
  }

  private void runContainerOf(ResolvedImage image) {
    WorkloadSpec workload =
        new WorkloadSpec(
            "user",
            image.reference(),
            List.of("sleep", "3600"),
            null,
            Map.of(),
            "always",
            null,
            null,
            null,
            null);
    containerId = ContainerIds.of("user", 1);
    runtime.createAndStart(new ContainerSpec(containerId, "gc", 1, "h", workload, image));
  }

  private boolean contentExists(String digest) {
    try {
      runtime
          .client()
          .call(ContentGrpc.getInfoMethod(), InfoRequest.newBuilder().setDigest(digest).build());
      return true;
    } catch (ContainerdException e) {
      assertThat(e.is(GrpcStatus.NOT_FOUND)).isTrue();
      return false;
    }
  }

  private boolean snapshotExists(String key) {
    try {
      runtime
          .client()
          .call(
              SnapshotsGrpc.getStatMethod(),
              StatSnapshotRequest.newBuilder().setSnapshotter("overlayfs").setKey(key).build());
      return true;
    } catch (ContainerdException e) {
      assertThat(e.is(GrpcStatus.NOT_FOUND)).isTrue();
      return false;
    }
  }

  @Test
  void deletesOnlyImagesThatNoDesiredWorkloadAndNoContainerUses() {
    runtime(1);
    ResolvedImage inUse = pull("SKERRY_IT_IMAGE");
    ResolvedImage desired = pull("SKERRY_IT_IMAGE_V2");
    ResolvedImage unused = pull("SKERRY_IT_BIG_IMAGE");
    runContainerOf(inUse);

    List<String> deleted = runtime.collectImages(Set.of(ItEnv.get("SKERRY_IT_IMAGE_V2")));

    assertThat(deleted).containsExactly(ItEnv.get("SKERRY_IT_BIG_IMAGE"));
    assertThat(runtime.findImage(ItEnv.get("SKERRY_IT_BIG_IMAGE"))).isNull();
    assertThat(contentExists(unused.digest())).isFalse();
    assertThat(snapshotExists(unused.chainId())).isFalse();
    assertThat(runtime.findImage(inUse.reference())).isEqualTo(inUse);
    assertThat(runtime.findImage(desired.reference())).isEqualTo(desired);
    assertThat(snapshotExists(inUse.chainId())).isTrue();
    runtime.stop(containerId, Duration.ofSeconds(1));
  }

  @Test
  void keepsEverythingWhileTheDiskIsBelowTheThreshold() {
    runtime(100);
    pull("SKERRY_IT_IMAGE");

    assertThat(runtime.collectImages(Set.of())).isEmpty();
    assertThat(runtime.findImage(ItEnv.get("SKERRY_IT_IMAGE"))).isNotNull();
  }
}
