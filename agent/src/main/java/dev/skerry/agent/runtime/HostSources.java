package dev.skerry.agent.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * What a container takes from the host besides its image: the device nodes it was given (stat-ed)
 * and where its named volumes are mounted and its files written. The paths are known before
 * anything is created, so the spec can be checked first and the volumes and files prepared after.
 *
 * @param volumesDir the directory under which each volume is mounted at its name
 * @param filesDir the container's own directory of files, the i-th file at {@code i}
 */
record HostSources(List<DeviceNode> devices, Path volumesDir, Path filesDir) {
  /** No devices; volumes and files under directories that no spec without them uses. */
  static final HostSources NONE =
      new HostSources(List.of(), Path.of("/nonexistent/volumes"), Path.of("/nonexistent/files"));

  HostSources {
    devices = List.copyOf(devices);
  }

  Path volume(String name) {
    return volumesDir.resolve(name);
  }

  Path file(int index) {
    return filesDir.resolve(Integer.toString(index));
  }
}
