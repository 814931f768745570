package dev.skerry.agent.runtime;

import dev.skerry.containerd.types.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a small file of a container's rootfs straight from the snapshot's directories on the host,
 * without mounting it: overlay {@code upperdir} then each {@code lowerdir} (top-most first), or a
 * bind mount's source. The agent runs on containerd's host, so these paths are its own.
 */
final class RootfsFiles {
  private static final long MAX_BYTES = 1024 * 1024;

  private RootfsFiles() {}

  /** The file at {@code relative} (e.g. {@code etc/passwd}), or null if absent or deleted. */
  static String read(List<Mount> mounts, String relative) {
    for (Path dir : layers(mounts)) {
      Path file = dir.resolve(relative);
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        try {
          if (Files.size(file) > MAX_BYTES) {
            return null;
          }
          return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          return null;
        }
      }
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        // An overlay whiteout (a character device) or something odd: the file is not there.
        return null;
      }
    }
    return null;
  }

  /** The directories of a rootfs, top-most first. */
  static List<Path> layers(List<Mount> mounts) {
    List<Path> out = new ArrayList<>();
    for (Mount m : mounts) {
      if (m.getType().equals("bind") || m.getType().equals("rbind")) {
        out.add(Path.of(m.getSource()));
        continue;
      }
      String lower = null;
      for (String option : m.getOptionsList()) {
        if (option.startsWith("upperdir=")) {
          out.add(Path.of(option.substring("upperdir=".length())));
        } else if (option.startsWith("lowerdir=")) {
          lower = option.substring("lowerdir=".length());
        }
      }
      if (lower != null) {
        for (String dir : lower.split(":")) {
          out.add(Path.of(dir));
        }
      }
    }
    return out;
  }
}
