package dev.skerry.agent.runtime;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Free and used space of the file system holding containerd's root (statvfs via NIO). */
final class DiskSpace {
  private DiskSpace() {}

  /** Bytes an unprivileged writer may still use; empty if {@code root} cannot be examined. */
  static OptionalLong free(Path root) {
    try {
      return OptionalLong.of(Files.getFileStore(root).getUsableSpace());
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** How full the file system is, 0–100, as df counts it; empty if it cannot be examined. */
  static OptionalInt usedPercent(Path root) {
    try {
      FileStore store = Files.getFileStore(root);
      long total = store.getTotalSpace();
      if (total <= 0) {
        return OptionalInt.empty();
      }
      long used = total - store.getUnallocatedSpace();
      long available = store.getUsableSpace();
      // df: used / (used + available), rounded up; root's reserved blocks count as unavailable.
      return OptionalInt.of((int) Math.ceil(100.0 * used / Math.max(1, used + available)));
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }
}
