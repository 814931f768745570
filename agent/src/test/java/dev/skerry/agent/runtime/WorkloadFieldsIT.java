package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Named volumes, host devices, files and the process fields against real containerd and runc: a
 * loop-mounted volume keeps its data across revisions and stops a writer at its size, a device node
 * made for the test reads as /dev/zero in the container, a file arrives with its mode and
 * read-only, a dropped capability is gone and a read-only root refuses writes.
 */
class WorkloadFieldsIT {
  private Vertx vertx;
  private ContainerdRuntime runtime;
  private ResolvedImage image;
  private Path dataDir;
  private final List<String> created = new ArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
    dataDir = ItEnv.tempDir();
    runtime =
        new ContainerdRuntime(
            vertx,
            ItEnv.config(
                ItEnv.uniqueNamespace("fields"), dataDir, new Platform("linux", "amd64", "")));
    image = runtime.ensureImage(ItEnv.get("SKERRY_IT_IMAGE"), ContainerRuntime.PullProgress.NONE);
  }

  @AfterEach
  void tearDown() {
    try {
      for (String id : created) {
        runtime.remove(id);
      }
      for (String v : runtime.loopVolumes().names()) {
        runtime.deleteVolume(v);
      }
      ItEnv.dropNamespace(runtime.client());
    } finally {
      runtime.close();
      vertx.close();
    }
  }

  private ContainerSpec spec(long revision, String script, WorkloadSpec.Volume volume) {
    return spec(revision, script, volume == null ? null : List.of(volume), null, null, null);
  }

  private ContainerSpec spec(
      long revision,
      String script,
      List<WorkloadSpec.Volume> volumes,
      List<WorkloadSpec.Device> devices,
      List<WorkloadSpec.File> files,
      WorkloadSpec.Capabilities caps) {
    return spec(revision, script, volumes, devices, files, caps, null);
  }

  private ContainerSpec spec(
      long revision,
      String script,
      List<WorkloadSpec.Volume> volumes,
      List<WorkloadSpec.Device> devices,
      List<WorkloadSpec.File> files,
      WorkloadSpec.Capabilities caps,
      Boolean readOnlyRootfs) {
    WorkloadSpec w =
        new WorkloadSpec(
            "db",
            image.reference(),
            List.of("sh", "-c", script + "; sleep 3600"),
            null,
            null,
            "never",
            null,
            null,
            null,
            "none",
            null,
            volumes,
            devices,
            files,
            null,
            caps,
            "1000:1000",
            readOnlyRootfs,
            null);
    String id = ContainerIds.of("db", revision);
    created.add(id);
    return new ContainerSpec(id, "d", revision, "h" + revision, w, image);
  }

  private String awaitLog(ContainerSpec spec, String text) {
    Path log = dataDir.resolve("logs").resolve(spec.id() + ".log");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(log).exists().content().contains(text));
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void dataInAVolumeSurvivesAnUpdateAndARollbackToTheOldRevision() {
    WorkloadSpec.Volume data = new WorkloadSpec.Volume("data", "/data", null, 16);
    ContainerSpec r1 = spec(1, "echo r1 >> /data/history; echo wrote", data);
    runtime.createAndStart(r1);
    awaitLog(r1, "wrote");
    runtime.remove(r1.id());

    ContainerSpec r2 = spec(2, "echo r2 >> /data/history; echo wrote", data);
    runtime.createAndStart(r2);
    awaitLog(r2, "wrote");
    runtime.remove(r2.id());

    // A rollback brings the old revision's spec back; the volume is the device's, not r1's.
    ContainerSpec back = spec(1, "echo history: $(cat /data/history | tr '\\n' ' ')", data);
    runtime.createAndStart(back);
    assertThat(awaitLog(back, "history:")).contains("history: r1 r2");
  }

  @Test
  void aFullVolumeGivesEnospcInsideAndLeavesTheHostDiskAlone() throws Exception {
    long freeBefore = Files.getFileStore(dataDir).getUsableSpace();
    ContainerSpec spec =
        spec(
            1,
            "dd if=/dev/zero of=/data/big bs=1M count=64 2>&1; echo dd-exit=$?",
            new WorkloadSpec.Volume("small", "/data", null, 8));

    runtime.createAndStart(spec);

    String log = awaitLog(spec, "dd-exit=");
    assertThat(log).contains("No space left on device").doesNotContain("dd-exit=0");
    Path imageFile = dataDir.resolve("volumes/images/small.ext4");
    assertThat(Files.size(imageFile)).isEqualTo(8L << 20);
    // 64 MiB were attempted; the host lost at most the 8 MiB image (other tests share the disk).
    long lost = freeBefore - Files.getFileStore(dataDir).getUsableSpace();
    assertThat(lost).isLessThan(40L << 20);
    assertThat(runtime.volumes())
        .singleElement()
        .satisfies(u -> assertThat(u.usedBytes()).isGreaterThan(4L << 20));
  }

  @Test
  void aDeviceNodeFromTheHostIsReadableInTheContainer() throws Exception {
    Path node = dataDir.resolve("skerry-test-zero");
    Process mknod =
        new ProcessBuilder("mknod", "-m", "0666", node.toString(), "c", "1", "5").start();
    assertThat(mknod.waitFor()).isZero();
    ContainerSpec spec =
        spec(
            1,
            "echo read=$(head -c 5 /dev/skerry-zero | wc -c)",
            null,
            List.of(new WorkloadSpec.Device(node.toString(), "/dev/skerry-zero", "r")),
            null,
            null);

    runtime.createAndStart(spec);

    assertThat(awaitLog(spec, "read=")).contains("read=5");
  }

  @Test
  void aMissingDeviceFailsTheWorkloadAsRetryable() {
    ContainerSpec spec =
        spec(
            1,
            "true",
            null,
            List.of(new WorkloadSpec.Device("/dev/skerry-unplugged-usb", null, null)),
            null,
            null);

    assertThatThrownBy(() -> runtime.createAndStart(spec))
        .isInstanceOfSatisfying(
            TransientFailure.class,
            f -> {
              assertThat(f.reason()).isEqualTo("DeviceMissing");
              assertThat(f.getMessage())
                  .contains("device /dev/skerry-unplugged-usb does not exist on this box");
            });
  }

  @Test
  void aFileAppearsWithItsContentAndModeAndCannotBeWritten() {
    ContainerSpec spec =
        spec(
            1,
            "echo mode=$(stat -c %a:%u /etc/app/config.yaml); cat /etc/app/config.yaml;"
                + " (echo x >> /etc/app/config.yaml) 2>/dev/null && echo WRITABLE || echo"
                + " write-refused",
            null,
            null,
            List.of(new WorkloadSpec.File("/etc/app/config.yaml", "level: debug\n", "0440")),
            null);

    runtime.createAndStart(spec);

    String log = awaitLog(spec, "write-");
    assertThat(log).contains("mode=440:1000", "level: debug", "write-refused");
    assertThat(log).doesNotContain("WRITABLE");
  }

  @Test
  void aDroppedCapabilityIsGoneAndAReadOnlyRootRefusesWrites() {
    ContainerSpec spec =
        spec(
            1,
            "grep CapBnd /proc/self/status; (touch /new-file) 2>/dev/null && echo WROTE || echo"
                + " root-refused",
            null,
            null,
            null,
            new WorkloadSpec.Capabilities(null, List.of("CAP_NET_RAW")),
            true);

    runtime.createAndStart(spec);

    String log = awaitLog(spec, "-refused");
    String bounding = log.lines().filter(l -> l.startsWith("CapBnd")).findFirst().orElseThrow();
    long mask = Long.parseUnsignedLong(bounding.split("\\s+")[1], 16);
    assertThat(mask & (1L << 13)).as("CAP_NET_RAW is bit 13").isZero();
    assertThat(mask & 1L).as("CAP_CHOWN stays").isEqualTo(1L);
    assertThat(log).contains("root-refused").doesNotContain("WROTE");
  }
}
