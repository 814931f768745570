package dev.skerry.agent.runtime;

import dev.skerry.core.wire.WorkloadSpec;
import java.util.List;
import java.util.Map;

/**
 * The bind mounts of a workload's named volumes (read-write unless {@code readOnly}) and of its
 * files (always read-only; each file is its own mount, so a file can sit in a directory of the
 * image). Neither lets a set-uid binary or a device node count. Pure.
 */
final class WorkloadMounts {
  private WorkloadMounts() {}

  static void add(List<Map<String, Object>> mounts, WorkloadSpec w, HostSources sources) {
    for (WorkloadSpec.Volume v : w.volumesOrEmpty()) {
      String rw = Boolean.TRUE.equals(v.readOnly()) ? "ro" : "rw";
      mounts.add(
          SpecBuilder.mount(
              v.containerPath(),
              "bind",
              sources.volume(v.name()).toString(),
              List.of("rbind", "nosuid", "nodev", rw)));
    }
    List<WorkloadSpec.File> files = w.filesOrEmpty();
    for (int i = 0; i < files.size(); i++) {
      mounts.add(
          SpecBuilder.mount(
              files.get(i).containerPath(),
              "bind",
              sources.file(i).toString(),
              List.of("bind", "nosuid", "nodev", "noexec", "ro")));
    }
  }
}
