package dev.skerry.agent.runtime;

import dev.skerry.core.wire.WorkloadSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code files} of a container, written under {@code <dir>/<container id>/<index>} with their
 * mode and owned by the container's user, then bind-mounted read-only. A container id names one
 * revision, so each revision has its own copy and a rollback finds the old content. The directory
 * is 0700: other host users do not read them.
 */
final class WorkloadFiles {
  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ
  };

  private final Path dir;

  WorkloadFiles(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  Path dirOf(String containerId) {
    return dir.resolve(containerId);
  }

  /** Writes every file (replacing what an earlier attempt left). */
  void write(String containerId, List<WorkloadSpec.File> files, long uid, long gid) {
    if (files.isEmpty()) {
      return;
    }
    Path target = dirOf(containerId);
    try {
      Files.createDirectories(dir);
      Files.createDirectories(target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
      for (int i = 0; i < files.size(); i++) {
        WorkloadSpec.File f = files.get(i);
        Path tmp = target.resolve(i + ".tmp");
        Files.writeString(tmp, f.content(), StandardCharsets.UTF_8);
        Files.setAttribute(tmp, "unix:uid", (int) uid);
        Files.setAttribute(tmp, "unix:gid", (int) gid);
        Files.setPosixFilePermissions(tmp, permissions(Integer.parseInt(f.modeOrDefault(), 8)));
        Files.move(
            tmp,
            target.resolve(Integer.toString(i)),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException | RuntimeException e) {
      throw new TransientFailure(
          "CreateFailed", "container " + containerId + ": cannot write its files: " + e, e);
    }
  }

  /** Removes the container's files, if any. */
  void delete(String containerId) {
    Path target = dirOf(containerId);
    if (!Files.exists(target)) {
      return;
    }
    try (Stream<Path> s = Files.walk(target)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new TransientFailure(
          "RemoveFailed", "container " + containerId + ": cannot delete its files: " + e, e);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        out.add(BITS[bit]);
      }
    }
    return out;
  }
}
