package dev.skerry.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a container's memory cgroup on the host, v2 ({@code memory.max}, {@code memory.events}) or
 * v1 ({@code memory.limit_in_bytes}, {@code memory.oom_control}), whichever the host runs. The
 * files exist while the task exists (also when it has stopped, until {@code Tasks.Delete}).
 */
final class Cgroups {
  private final Path root;

  Cgroups(Path root) {
    this.root = root;
  }

  static Cgroups host() {
    return new Cgroups(Path.of("/sys/fs/cgroup"));
  }

  /** cgroup v2 when the unified hierarchy is mounted at the root. */
  boolean unified() {
    return Files.exists(root.resolve("cgroup.controllers"));
  }

  /** The cgroup path runc was given (SpecBuilder's {@code cgroupsPath}). */
  static String pathOf(String namespace, String containerId) {
    return namespace + "/" + containerId;
  }

  /** The memory limit in bytes; empty when unlimited or the cgroup is gone. */
  OptionalLong memoryLimit(String cgroup) {
    String text =
        unified()
            ? read(root.resolve(cgroup).resolve("memory.max"))
            : read(root.resolve("memory").resolve(cgroup).resolve("memory.limit_in_bytes"));
    if (text == null || text.isBlank() || text.strip().equals("max")) {
      return OptionalLong.empty();
    }
    long bytes = Long.parseLong(text.strip());
    // v1 reports "no limit" as a huge page-rounded number.
    return bytes >= Long.MAX_VALUE / 2 ? OptionalLong.empty() : OptionalLong.of(bytes);
  }

  /** How many processes the kernel's OOM killer killed in the cgroup; 0 if unknown or gone. */
  long oomKills(String cgroup) {
    String text =
        unified()
            ? read(root.resolve(cgroup).resolve("memory.events"))
            : read(root.resolve("memory").resolve(cgroup).resolve("memory.oom_control"));
    if (text == null) {
      return 0;
    }
    return text.lines()
        .filter(l -> l.startsWith("oom_kill "))
        .mapToLong(l -> Long.parseLong(l.substring("oom_kill ".length()).strip()))
        .findFirst()
        .orElse(0);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}
