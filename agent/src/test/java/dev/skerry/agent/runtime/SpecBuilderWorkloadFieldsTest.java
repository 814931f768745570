package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.agent.runtime.ResolvedImage.ImageConfig;
import dev.skerry.core.spec.LinuxCapabilities;
import dev.skerry.core.wire.WorkloadSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Devices, volumes, files, capabilities, privileged, read-only root and working directory. */
class SpecBuilderWorkloadFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ImageConfig IMAGE =
      new ImageConfig(List.of("/entry"), null, null, "/work", "", Map.of());
  private static final HostSources SOURCES =
      new HostSources(
          List.of(new DeviceNode("/dev/ttyUSB0", "c", 188, 0, 0660, 0, 20, "rw")),
          Path.of("/var/lib/skerry-agent/volumes/mnt"),
          Path.of("/var/lib/skerry-agent/files/db.r3"));

  private static WorkloadSpec workload(
      List<WorkloadSpec.Volume> volumes,
      List<WorkloadSpec.File> files,
      Boolean privileged,
      WorkloadSpec.Capabilities caps,
      Boolean readOnlyRootfs,
      String workingDir) {
    return new WorkloadSpec(
        "db",
        "img",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        volumes,
        null,
        files,
        privileged,
        caps,
        null,
        readOnlyRootfs,
        workingDir);
  }

  private static JsonNode spec(WorkloadSpec w) throws Exception {
    ResolvedImage image = new ResolvedImage("img", "sha256:x", "sha256:chain", IMAGE, 1);
    ContainerSpec spec = new ContainerSpec("db.r3", "d", 3, "h", w, image);
    return JSON.readTree(SpecBuilder.json(spec, "skerry", List.of(), SOURCES));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode mountAt(JsonNode spec, String destination) {
    for (JsonNode m : spec.get("mounts")) {
      if (m.get("destination").asText().equals(destination)) {
        return m;
      }
    }
    throw new AssertionError("no mount at " + destination);
  }

  @Test
  void aGivenDeviceIsCreatedInTheContainerAndAllowedByTheCgroup() throws Exception {
    JsonNode s = spec(workload(null, null, null, null, null, null));

    JsonNode node = s.at("/linux/devices/0");
    assertThat(node.get("path").asText()).isEqualTo("/dev/ttyUSB0");
    assertThat(node.get("type").asText()).isEqualTo("c");
    assertThat(node.get("major").asLong()).isEqualTo(188);
    assertThat(node.get("minor").asLong()).isZero();
    assertThat(node.get("fileMode").asInt()).isEqualTo(0660);
    assertThat(node.get("gid").asLong()).isEqualTo(20);
    JsonNode rules = s.at("/linux/resources/devices");
    assertThat(rules.get(0).get("allow").asBoolean()).isFalse();
    JsonNode last = rules.get(rules.size() - 1);
    assertThat(last.get("allow").asBoolean()).isTrue();
    assertThat(last.get("major").asLong()).isEqualTo(188);
    assertThat(last.get("access").asText()).isEqualTo("rw");
  }

  @Test
  void volumesAndFilesAreBindMountsFromTheAgentsDirectories() throws Exception {
    JsonNode s =
        spec(
            workload(
                List.of(
                    new WorkloadSpec.Volume("data", "/var/lib/db", null, 64),
                    new WorkloadSpec.Volume("seed", "/seed", true, 64)),
                List.of(new WorkloadSpec.File("/etc/app/config.yaml", "a: 1", "0440")),
                null,
                null,
                null,
                null));

    JsonNode data = mountAt(s, "/var/lib/db");
    assertThat(data.get("source").asText()).isEqualTo("/var/lib/skerry-agent/volumes/mnt/data");
    assertThat(texts(data.get("options"))).contains("rbind", "rw", "nodev");
    assertThat(texts(mountAt(s, "/seed").get("options"))).contains("ro");
    JsonNode file = mountAt(s, "/etc/app/config.yaml");
    assertThat(file.get("source").asText()).isEqualTo("/var/lib/skerry-agent/files/db.r3/0");
    assertThat(texts(file.get("options"))).contains("ro", "noexec");
  }

  @Test
  void capabilitiesAreTheDefaultsWithoutTheDroppedAndWithTheAdded() throws Exception {
    JsonNode s =
        spec(
            workload(
                null,
                null,
                null,
                new WorkloadSpec.Capabilities(List.of("CAP_SYS_TIME"), List.of("CAP_NET_RAW")),
                null,
                null));

    List<String> caps = texts(s.at("/process/capabilities/bounding"));
    assertThat(caps).contains("CAP_SYS_TIME", "CAP_CHOWN").doesNotContain("CAP_NET_RAW");
    assertThat(texts(s.at("/process/capabilities/effective"))).isEqualTo(caps);
    assertThat(s.at("/process/noNewPrivileges").asBoolean()).isTrue();
  }

  @Test
  void droppingAllThenAddingOneLeavesExactlyThatOne() throws Exception {
    JsonNode s =
        spec(
            workload(
                null,
                null,
                null,
                new WorkloadSpec.Capabilities(List.of("CAP_NET_BIND_SERVICE"), List.of("ALL")),
                null,
                null));

    assertThat(texts(s.at("/process/capabilities/bounding")))
        .containsExactly("CAP_NET_BIND_SERVICE");
  }

  @Test
  void privilegedGetsEveryCapabilityAndDeviceAndAnUnmaskedProc() throws Exception {
    JsonNode s = spec(workload(null, null, true, null, null, null));

    assertThat(texts(s.at("/process/capabilities/bounding")))
        .containsExactlyElementsOf(LinuxCapabilities.KNOWN);
    assertThat(s.at("/process/noNewPrivileges").asBoolean()).isFalse();
    assertThat(s.at("/linux/maskedPaths")).isEmpty();
    assertThat(s.at("/linux/readonlyPaths")).isEmpty();
    JsonNode rules = s.at("/linux/resources/devices");
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).get("allow").asBoolean()).isTrue();
    assertThat(texts(mountAt(s, "/sys").get("options"))).contains("rw");
  }

  @Test
  void readOnlyRootfsAndWorkingDirReachTheSpec() throws Exception {
    JsonNode s = spec(workload(null, null, null, null, true, "/srv"));
    assertThat(s.at("/root/readonly").asBoolean()).isTrue();
    assertThat(s.at("/process/cwd").asText()).isEqualTo("/srv");

    JsonNode plain = spec(workload(null, null, null, null, null, null));
    assertThat(plain.at("/root/readonly").asBoolean()).isFalse();
    assertThat(plain.at("/process/cwd").asText()).isEqualTo("/work");
  }

  @Test
  void majorAndMinorAreDecodedFromALinuxDevT() {
    // makedev(188, 0) and makedev(259, 65536) in glibc's 64-bit encoding.
    assertThat(DeviceNode.major((188L << 8))).isEqualTo(188);
    long big = ((259L & 0xfff) << 8) | (65536L & 0xff) | ((65536L & ~0xffL) << 12);
    assertThat(DeviceNode.major(big)).isEqualTo(259);
    assertThat(DeviceNode.minor(big)).isEqualTo(65536);
  }

  @Test
  void fileModesBecomePosixPermissions() {
    assertThat(PosixStrings.of(WorkloadFiles.permissions(0440))).isEqualTo("r--r-----");
    assertThat(PosixStrings.of(WorkloadFiles.permissions(0755))).isEqualTo("rwxr-xr-x");
  }

  private static final class PosixStrings {
    static String of(java.util.Set<java.nio.file.attribute.PosixFilePermission> p) {
      return java.nio.file.attribute.PosixFilePermissions.toString(p);
    }
  }
}
