package dev.skerry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.Capabilities;
import dev.skerry.core.wire.WorkloadSpec.Device;
import dev.skerry.core.wire.WorkloadSpec.File;
import dev.skerry.core.wire.WorkloadSpec.Mount;
import dev.skerry.core.wire.WorkloadSpec.Volume;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Volumes, devices, files and the process fields (privileged, capabilities, user, ...). */
class WorkloadFieldsRulesTest {
  private static WorkloadSpec spec(
      List<Mount> mounts,
      List<Volume> volumes,
      List<Device> devices,
      List<File> files,
      Capabilities caps,
      String user,
      String workingDir) {
    return new WorkloadSpec(
        "db",
        "busybox",
        null,
        null,
        null,
        null,
        null,
        mounts,
        null,
        null,
        null,
        volumes,
        devices,
        files,
        true,
        caps,
        user,
        true,
        workingDir);
  }

  private static List<String> errors(WorkloadSpec w) {
    return WorkloadSpecRules.validate("workloads[0]", w).stream()
        .map(FieldError::toString)
        .toList();
  }

  @Test
  void acceptsEveryNewFieldWhenWellFormed() {
    WorkloadSpec w =
        spec(
            List.of(new Mount("/srv/x", "/x", null)),
            List.of(new Volume("data", "/var/lib/db", false, 512)),
            List.of(
                new Device("/dev/ttyUSB0", null, "rw"), new Device("/dev/zero", "/dev/z", null)),
            List.of(
                new File("/etc/app/config.yaml", "a: 1\n", "0440"),
                new File("/etc/app/empty", "", null)),
            new Capabilities(List.of("CAP_SYS_TIME"), List.of("CAP_NET_RAW", "ALL")),
            "1000:1000",
            "/srv");
    assertThat(errors(w)).isEmpty();
    assertThat(errors(spec(null, null, null, null, null, "nobody:nogroup", null))).isEmpty();
    assertThat(errors(spec(null, null, null, null, null, "postgres", null))).isEmpty();
  }

  @Test
  void namesEveryBadVolumeFileAndDeviceField() {
    WorkloadSpec w =
        spec(
            List.of(new Mount("/srv/x", "/data", null)),
            Arrays.asList(
                new Volume("Data", "/data", null, 512),
                new Volume("logs", "logs", null, null),
                new Volume("logs", "/logs/../x", null, 4),
                null),
            List.of(
                new Device("dev/ttyUSB0", null, "rwx"),
                new Device("/dev/a", "/dev/z", "rr"),
                new Device("/dev/b", "/dev/z", "")),
            List.of(
                new File("/etc/app/", null, "0999"),
                new File("/etc/app/b", "x".repeat(StorageRules.MAX_FILE_BYTES + 1), "rw")),
            null,
            null,
            null);
    assertThat(errors(w))
        .containsExactlyInAnyOrder(
            "workloads[0].volumes[0].name: 'Data' must be 1-63 lower-case letters, digits or '-',"
                + " starting and ending with a letter or digit",
            "workloads[0].volumes[0].containerPath: '/data' is already mounted by mounts[0]",
            "workloads[0].volumes[1].containerPath: must be an absolute path without . or ..",
            "workloads[0].volumes[1].sizeMiB: required",
            "workloads[0].volumes[2].name: 'logs' is mounted twice by this workload",
            "workloads[0].volumes[2].containerPath: must be an absolute path without . or ..",
            "workloads[0].volumes[2].sizeMiB: must be between 8 and 1048576",
            "workloads[0].volumes[3]: must not be null",
            "workloads[0].devices[0].hostPath: must be an absolute path without . or ..",
            "workloads[0].devices[0].permissions: must be one or more of r, w, m, each once"
                + " (e.g. rw)",
            "workloads[0].devices[1].permissions: must be one or more of r, w, m, each once"
                + " (e.g. rw)",
            "workloads[0].devices[2].containerPath: '/dev/z' is already used by devices[1]",
            "workloads[0].devices[2].permissions: must be one or more of r, w, m, each once"
                + " (e.g. rw)",
            "workloads[0].files[0].containerPath: must be an absolute path without . or ..",
            "workloads[0].files[0].content: required (may be empty)",
            "workloads[0].files[0].mode: must be octal permissions such as \"0440\"",
            "workloads[0].files[1].content: is 262145 bytes; at most 262144",
            "workloads[0].files[1].mode: must be octal permissions such as \"0440\"");
  }

  @Test
  void filesOfOneWorkloadAreLimitedTogether() {
    String quarter = "x".repeat(StorageRules.MAX_FILE_BYTES);
    List<File> files = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      files.add(new File("/etc/f" + i, quarter, null));
    }
    assertThat(errors(spec(null, null, null, files, null, null, null)))
        .containsExactly("workloads[0].files: files hold 1310720 bytes together; at most 1048576");
  }

  @Test
  void refusesUnknownCapabilitiesABadUserAndARelativeWorkingDir() {
    WorkloadSpec w =
        spec(
            null,
            null,
            null,
            null,
            new Capabilities(Arrays.asList("NET_RAW", null), List.of("CAP_NOPE")),
            "root:x:y",
            "srv");
    assertThat(errors(w))
        .containsExactlyInAnyOrder(
            "workloads[0].capabilities.add[0]: 'NET_RAW' is not a Linux capability"
                + " (CAP_NET_RAW, CAP_SYS_TIME, ... or ALL)",
            "workloads[0].capabilities.add[1]: 'null' is not a Linux capability"
                + " (CAP_NET_RAW, CAP_SYS_TIME, ... or ALL)",
            "workloads[0].capabilities.drop[0]: 'CAP_NOPE' is not a Linux capability"
                + " (CAP_NET_RAW, CAP_SYS_TIME, ... or ALL)",
            "workloads[0].user: must be uid[:gid] or name[:group] (letters, digits, '_', '.', '-')",
            "workloads[0].workingDir: must be an absolute path");
    assertThat(errors(spec(null, null, null, null, null, "4294967295", null)))
        .containsExactly("workloads[0].user: ids must be at most 4294967294");
  }

  @Test
  void workloadsSharingAVolumeMustAgreeOnItsSize() {
    WorkloadSpec a =
        spec(null, List.of(new Volume("data", "/d", null, 64)), null, null, null, null, null);
    WorkloadSpec b =
        new WorkloadSpec(
            "other",
            "busybox",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(new Volume("data", "/d", true, 128)),
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(
            WorkloadSpecRules.validate("workloads", List.of(a, b)).stream()
                .map(FieldError::toString))
        .containsExactly(
            "workloads[1].volumes[0].sizeMiB: volume 'data' is 64 MiB in an earlier workload;"
                + " one volume has one size");
  }
}
