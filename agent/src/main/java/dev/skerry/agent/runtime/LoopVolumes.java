package dev.skerry.agent.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Named volumes as ext4 images, each loop-mounted at its own directory (docs/decisions/0014): the
 * size is the file system's, so a full volume gives the workload ENOSPC and leaves the box's disk
 * alone. The image is allocated in full when the volume is created, so that the box cannot run out
 * of space later under volumes it already promised. Images live in {@code
 * <dir>/images/<name>.ext4}, mounts at {@code <dir>/mnt/<name>}. A volume outlives every container;
 * only {@link #delete} removes it. Synchronized: two workloads naming one volume mount it once.
 */
public final class LoopVolumes {
  private static final Logger LOG = Logger.getLogger(LoopVolumes.class.getName());

  private final Path dir;

  public LoopVolumes(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /** The directory under which each volume is mounted at its name. */
  Path mountsDir() {
    return dir.resolve("mnt");
  }

  Path image(String name) {
    return dir.resolve("images").resolve(name + ".ext4");
  }

  /**
   * Creates the volume if it does not exist (root directory owned by {@code uid:gid}, the first
   * user of it) and mounts it if it is not mounted. A later, different size is not applied.
   *
   * @throws TransientFailure {@code DiskFull} without room for the image, {@code VolumeFailed} when
   *     a tool fails
   */
  public synchronized Path ensure(String name, int sizeMiB, long uid, long gid) {
    Path image = image(name);
    if (!Files.exists(image)) {
      create(name, image, sizeMiB, uid, gid);
    }
    return mount(name);
  }

  /** Mounts an existing volume if it is not mounted (after a reboot); empty if it has no image. */
  public synchronized Optional<Path> mountIfExists(String name) {
    return Files.exists(image(name)) ? Optional.of(mount(name)) : Optional.empty();
  }

  private void create(String name, Path image, int sizeMiB, long uid, long gid) {
    String what = "volume " + name;
    long bytes = (long) sizeMiB << 20;
    try {
      Files.createDirectories(image.getParent());
      long free = Files.getFileStore(image.getParent()).getUsableSpace();
      if (free < bytes) {
        throw new TransientFailure(
            "DiskFull",
            what + ": needs " + sizeMiB + " MiB, the disk has " + (free >> 20) + " MiB");
      }
      Path tmp = image.resolveSibling(name + ".ext4.tmp");
      Files.deleteIfExists(tmp);
      HostCommand.run(
          "VolumeFailed", what, List.of("fallocate", "-l", Long.toString(bytes), tmp.toString()));
      // nodiscard: a discard would punch the allocation back out of the image.
      HostCommand.run(
          "VolumeFailed",
          what,
          List.of(
              "mkfs.ext4",
              "-q",
              "-F",
              "-m",
              "0",
              "-E",
              "nodiscard,root_owner=" + uid + ":" + gid,
              "-L",
              name.length() > 16 ? name.substring(0, 16) : name,
              tmp.toString()));
      Files.move(tmp, image, StandardCopyOption.ATOMIC_MOVE);
      LOG.info(() -> what + ": created, " + sizeMiB + " MiB");
    } catch (IOException e) {
      throw new TransientFailure("VolumeFailed", what + ": " + e, e);
    }
  }

  private Path mount(String name) {
    Path target = mountsDir().resolve(name);
    try {
      Files.createDirectories(target);
    } catch (IOException e) {
      throw new TransientFailure("VolumeFailed", "volume " + name + ": " + e, e);
    }
    if (!mounted(target)) {
      HostCommand.run(
          "VolumeFailed",
          "volume " + name,
          List.of(
              "mount",
              "-o",
              "loop,nodev,nosuid,noatime",
              image(name).toString(),
              target.toString()));
    }
    return target;
  }

  /**
   * Unmounts and deletes the volume and its data.
   *
   * @throws TransientFailure {@code VolumeBusy} while a container still has it mounted
   */
  public synchronized void delete(String name) {
    Path target = mountsDir().resolve(name);
    if (mounted(target)) {
      try {
        HostCommand.run("VolumeBusy", "volume " + name, List.of("umount", target.toString()));
      } catch (TransientFailure e) {
        throw new TransientFailure("VolumeBusy", e.getMessage() + " (is a container using it?)");
      }
    }
    try {
      Files.deleteIfExists(image(name));
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new TransientFailure("VolumeFailed", "volume " + name + ": " + e, e);
    }
    LOG.info(() -> "volume " + name + ": deleted");
  }

  /** The names of the volumes that exist. */
  public synchronized List<String> names() {
    Path images = dir.resolve("images");
    if (!Files.isDirectory(images)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(images)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".ext4"))
          .map(n -> n.substring(0, n.length() - ".ext4".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Every volume with its size and, if it is mounted, its use. */
  public List<VolumeUsage> usage() {
    List<VolumeUsage> out = new ArrayList<>();
    for (String name : names()) {
      Path target = mountsDir().resolve(name);
      try {
        if (mounted(target)) {
          FileStore store = Files.getFileStore(target);
          long total = store.getTotalSpace();
          out.add(new VolumeUsage(name, total, total - store.getUnallocatedSpace()));
        } else {
          out.add(new VolumeUsage(name, Files.size(image(name)), null));
        }
      } catch (IOException e) {
        // Deleted or unmounted under our feet: not measured this time.
      }
    }
    return out;
  }

  /** Whether {@code target} is a mount point, from this process's mount table. */
  static boolean mounted(Path target) {
    try {
      String want = target.toAbsolutePath().normalize().toString();
      for (String line :
          Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        if (f.length > 4 && unescape(f[4]).equals(want)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** mountinfo writes space, tab, newline and backslash as octal escapes. */
  private static String unescape(String s) {
    return s.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\");
  }
}
