package dev.skerry.agent.runtime;

import dev.skerry.core.wire.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A host device node as the OCI spec needs it: type, major and minor read from the node itself
 * ({@code stat}, following symlinks such as {@code /dev/serial/by-id/...}), where it appears in the
 * container and the cgroup access granted.
 *
 * @param type {@code c} (character) or {@code b} (block)
 * @param fileMode the node's permission bits, kept in the container
 */
record DeviceNode(
    String containerPath,
    String type,
    long major,
    long minor,
    int fileMode,
    long uid,
    long gid,
    String access) {
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;

  /**
   * Stats the host node of {@code device}.
   *
   * @throws TransientFailure {@code DeviceMissing} when the node does not exist (a USB device
   *     unplugged: the next attempt finds it once it is back)
   * @throws PermanentFailure {@code DeviceInvalid} when the path is not a device node
   */
  static DeviceNode stat(String workload, WorkloadSpec.Device device) {
    Path host = Path.of(device.hostPath());
    Map<String, Object> a;
    try {
      a = Files.readAttributes(host, "unix:mode,rdev,uid,gid");
    } catch (NoSuchFileException e) {
      throw new TransientFailure(
          "DeviceMissing",
          "workload " + workload + ": device " + host + " does not exist on this box",
          e);
    } catch (IOException | UnsupportedOperationException e) {
      throw new TransientFailure(
          "DeviceMissing", "workload " + workload + ": cannot stat device " + host + ": " + e, e);
    }
    int mode = (Integer) a.get("mode");
    String type =
        switch (mode & S_IFMT) {
          case S_IFCHR -> "c";
          case S_IFBLK -> "b";
          default ->
              throw new PermanentFailure(
                  "DeviceInvalid",
                  "workload " + workload + ": " + host + " is not a character or block device");
        };
    long rdev = (Long) a.get("rdev");
    return new DeviceNode(
        device.containerPathOrDefault(),
        type,
        major(rdev),
        minor(rdev),
        mode & 07777,
        ((Number) a.get("uid")).longValue(),
        ((Number) a.get("gid")).longValue(),
        device.permissionsOrDefault());
  }

  /** glibc's gnu_dev_major: the 64-bit dev_t keeps 12 bits low and the rest high. */
  static long major(long rdev) {
    return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
  }

  /** glibc's gnu_dev_minor. */
  static long minor(long rdev) {
    return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
  }
}
