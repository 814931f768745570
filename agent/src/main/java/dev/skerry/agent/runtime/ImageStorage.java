package dev.skerry.agent.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where containerd keeps images and the agent's disk rules for them.
 *
 * @param containerdRoot containerd's root directory (content store and snapshots live under it;
 *     default {@code /var/lib/containerd}); its file system's free space is what a pull needs
 * @param sizeFactor a pull needs the sum of its compressed layer sizes times this factor free: the
 *     compressed blobs once plus their unpacked snapshots, which for gzip'd layers are usually
 *     1.5–3 times larger (default {@link #DEFAULT_SIZE_FACTOR})
 * @param gcThresholdPercent when the file system is fuller than this, images that no desired
 *     workload and no container uses are deleted (default {@link #DEFAULT_GC_THRESHOLD_PERCENT};
 *     100 turns image GC off)
 */
public record ImageStorage(Path containerdRoot, double sizeFactor, int gcThresholdPercent) {
  public static final Path DEFAULT_CONTAINERD_ROOT = Path.of("/var/lib/containerd");
  public static final double DEFAULT_SIZE_FACTOR = 3.0;
  public static final int DEFAULT_GC_THRESHOLD_PERCENT = 85;

  public ImageStorage {
    Objects.requireNonNull(containerdRoot, "containerdRoot");
  }

  public static ImageStorage defaults() {
    return new ImageStorage(
        DEFAULT_CONTAINERD_ROOT, DEFAULT_SIZE_FACTOR, DEFAULT_GC_THRESHOLD_PERCENT);
  }

  /** Bytes a pull of layers totalling {@code compressedBytes} needs free. */
  public long needed(long compressedBytes) {
    return (long) Math.ceil(compressedBytes * sizeFactor);
  }
}
