package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.containerd.services.containers.v1.ContainersGrpc;
import dev.skerry.containerd.services.containers.v1.GetContainerRequest;
import dev.skerry.containerd.services.snapshots.v1.SnapshotsGrpc;
import dev.skerry.containerd.services.snapshots.v1.StatSnapshotRequest;
import dev.skerry.containerd.services.tasks.v1.GetRequest;
import dev.skerry.containerd.services.tasks.v1.TasksGrpc;
import dev.skerry.core.wire.WorkloadSpec;
import io.grpc.MethodDescriptor;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerdRuntimeIT {
  private Vertx vertx;
  private ContainerdRuntime runtime;
  private ResolvedImage image;
  private Path dataDir;
  private final List<String> created = new ArrayList<>();
  private final List<ExitEvent> exits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
    dataDir = ItEnv.tempDir();
    runtime =
        new ContainerdRuntime(
            vertx,
            ItEnv.config(
                ItEnv.uniqueNamespace("run"),
                dataDir,
                new Platform("linux", "amd64", ""),
                List.of(dataDir)));
    runtime.onExit(exits::add);
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

  private ContainerSpec spec(String name, List<String> command, String network) {
    WorkloadSpec workload =
        new WorkloadSpec(
            name,
            image.reference(),
            command,
            null,
            Map.of("GREETING", "hello-skerry"),
            "always",
            new WorkloadSpec.Resources(32, 0.5),
            null,
            null,
            network);
    String id = ContainerIds.of(name, 7);
    created.add(id);
    return new ContainerSpec(id, "demo", 7, "hash-" + name, workload, image);
  }

  private Container observed(String id) {
    return runtime.list().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
  }

  @Test
  void createsAndStartsALabelledContainerWhoseOutputReachesItsLogFile() throws Exception {
    ContainerSpec spec =
        spec(
            "web",
            List.of("sh", "-c", "echo \"$GREETING from stdout\"; echo oops >&2; sleep 3600"),
            "host");

    runtime.createAndStart(spec);

    Container c = observed(spec.id());
    assertThat(c.task()).isEqualTo(TaskState.RUNNING);
    assertThat(c.workload()).isEqualTo("web");
    assertThat(c.revision()).isEqualTo(7);
    assertThat(c.specHash()).isEqualTo("hash-web");
    var record =
        runtime
            .client()
            .call(
                ContainersGrpc.getGetMethod(),
                GetContainerRequest.newBuilder().setId(spec.id()).build())
            .getContainer();
    assertThat(record.getLabelsMap())
        .containsEntry("skerry.workload", "web")
        .containsEntry("skerry.revision", "7")
        .containsEntry("skerry.spec-hash", "hash-web")
        .containsEntry("skerry.deployment", "demo");
    assertThat(record.getRuntime().getName()).isEqualTo("io.containerd.runc.v2");
    Path log = dataDir.resolve("logs").resolve(spec.id() + ".log");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(log)
                    .exists()
                    .content()
                    .contains("hello-skerry from stdout")
                    .contains("oops"));
  }

  @Test
  void createAndStartAgainAdoptsTheRunningTask() {
    ContainerSpec spec = spec("adopt", List.of("sleep", "3600"), "none");
    runtime.createAndStart(spec);
    int pid = runtime.task(spec.id()).getPid();

    runtime.createAndStart(spec);

    assertThat(runtime.task(spec.id()).getPid()).isEqualTo(pid);
    assertThat(observed(spec.id()).task()).isEqualTo(TaskState.RUNNING);
  }

  @Test
  void anExitingContainerProducesAnExitEventWithItsStatus() {
    ContainerSpec spec = spec("quitter", List.of("sh", "-c", "sleep 0.3; exit 3"), "none");

    runtime.createAndStart(spec);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(exits)
                    .anySatisfy(
                        e -> {
                          assertThat(e.containerId()).isEqualTo(spec.id());
                          assertThat(e.exitStatus()).isEqualTo(3);
                          assertThat(e.exitedAt()).isNotNull();
                        }));
    Container c = observed(spec.id());
    assertThat(c.task()).isEqualTo(TaskState.STOPPED);
    assertThat(c.exitCode()).isEqualTo(3);
  }

  @Test
  void restartRunsAStoppedContainerAgain() {
    ContainerSpec spec =
        spec("again", List.of("sh", "-c", "echo run >> /dev/stdout; sleep 0.2"), "none");
    runtime.createAndStart(spec);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> observed(spec.id()).task() == TaskState.STOPPED);

    runtime.restart(spec.id());

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(exits.stream().filter(e -> e.containerId().equals(spec.id())))
                    .hasSize(2));
  }

  @Test
  void stopEscalatesToSigkillWhenSigtermIsIgnored() {
    ContainerSpec spec =
        spec("stubborn", List.of("sh", "-c", "trap '' TERM; while true; do sleep 1; done"), "none");
    runtime.createAndStart(spec);

    long start = System.nanoTime();
    runtime.stop(spec.id(), Duration.ofSeconds(1));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).isGreaterThanOrEqualTo(1000);
    Container c = observed(spec.id());
    assertThat(c.task()).isEqualTo(TaskState.STOPPED);
    assertThat(c.exitCode()).isEqualTo(137);
  }

  @Test
  void stopReturnsEarlyWhenTheProcessHonoursSigterm() {
    ContainerSpec spec =
        spec(
            "polite",
            List.of(
                "sh", "-c", "trap 'exit 0' TERM; echo trap-set; while true; do sleep 0.1; done"),
            "none");
    runtime.createAndStart(spec);
    // A SIGTERM that arrives before the shell has set its trap is ignored (pid 1 has no
    // default handler), so wait until the trap is there, or this would measure the grace.
    Path log = dataDir.resolve("logs").resolve(spec.id() + ".log");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(log).exists().content().contains("trap-set"));

    long start = System.nanoTime();
    runtime.stop(spec.id(), Duration.ofSeconds(20));

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    assertThat(observed(spec.id()).exitCode()).isZero();
  }

  @Test
  void removeLeavesNoContainerTaskOrSnapshotAndIsIdempotent() {
    ContainerSpec spec = spec("gone", List.of("sleep", "3600"), "none");
    runtime.createAndStart(spec);

    runtime.remove(spec.id());
    runtime.remove(spec.id());
    runtime.stop(spec.id(), Duration.ofSeconds(1));

    ContainerdClient client = runtime.client();
    assertNotFound(
        client,
        ContainersGrpc.getGetMethod(),
        GetContainerRequest.newBuilder().setId(spec.id()).build());
    assertNotFound(
        client,
        TasksGrpc.getGetMethod(),
        GetRequest.newBuilder().setContainerId(spec.id()).build());
    assertNotFound(
        client,
        SnapshotsGrpc.getStatMethod(),
        StatSnapshotRequest.newBuilder().setSnapshotter("overlayfs").setKey(spec.id()).build());
    assertThat(observed(spec.id())).isNull();
  }

  @Test
  void bindMountOutsideTheAllowedPathsIsRefused() {
    WorkloadSpec workload =
        new WorkloadSpec(
            "sneaky",
            image.reference(),
            List.of("sleep", "1"),
            null,
            null,
            null,
            null,
            List.of(new WorkloadSpec.Mount("/etc", "/host-etc", true)),
            null,
            "none");
    ContainerSpec spec = new ContainerSpec("sneaky.r1", "demo", 1, "h", workload, image);
    created.add(spec.id());

    RuntimeFailure failure =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            RuntimeFailure.class, () -> runtime.createAndStart(spec));

    assertThat(failure.reason()).isEqualTo("MountNotAllowed");
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void allowedBindMountIsVisibleInTheContainer() throws Exception {
    Path shared = Files.createDirectories(dataDir.resolve("shared"));
    WorkloadSpec workload =
        new WorkloadSpec(
            "writer",
            image.reference(),
            List.of("sh", "-c", "echo written > /data/out.txt; sleep 3600"),
            null,
            null,
            null,
            null,
            List.of(new WorkloadSpec.Mount(shared.toString(), "/data", false)),
            null,
            "none");
    ContainerSpec spec = new ContainerSpec("writer.r1", "demo", 1, "h", workload, image);
    created.add(spec.id());

    runtime.createAndStart(spec);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(shared.resolve("out.txt")).hasContent("written"));
  }

  @Test
  void createAndStartLatencyWithACachedImage() {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ContainerSpec spec = spec("lat" + i, List.of("sleep", "3600"), "none");
      long start = System.nanoTime();
      runtime.createAndStart(spec);
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(observed(spec.id()).task()).isEqualTo(TaskState.RUNNING);
    }
    Collections.sort(millis);
    System.getLogger(ContainerdRuntimeIT.class.getName())
        .log(
            System.Logger.Level.INFO,
            "MEASURE create+start ms, 20 runs (sorted): "
                + millis
                + ", median "
                + (millis.get(9) + millis.get(10)) / 2.0);
  }

  private static <Q, R> void assertNotFound(
      ContainerdClient client, MethodDescriptor<Q, R> method, Q request) {
    ContainerdException failure =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ContainerdException.class, () -> client.call(method, request));
    assertThat(failure).as(method.getFullMethodName()).isNotNull();
    assertThat(failure.status()).isEqualTo(GrpcStatus.NOT_FOUND);
  }
}
