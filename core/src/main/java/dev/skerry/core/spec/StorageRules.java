package dev.skerry.core.spec;

import dev.skerry.core.wire.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of what a workload mounts: host {@code mounts}, named {@code volumes} and {@code
 * files}. No container path is used twice across the three. Whether a host path may be mounted is
 * the device's allow-list, checked when it builds the container. Pure.
 */
final class StorageRules {
  /** The smallest volume: ext4's own metadata takes about 1.5 MiB of a small image. */
  static final int MIN_VOLUME_MIB = 8;

  /** 1 TiB. */
  static final int MAX_VOLUME_MIB = 1 << 20;

  /** Per file: the whole desired document travels in one MQTT message. */
  static final int MAX_FILE_BYTES = 256 * 1024;

  /** All files of one workload together. */
  static final int MAX_FILES_BYTES = 1024 * 1024;

  private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

  private StorageRules() {}

  static void check(List<FieldError> errors, String path, WorkloadSpec w) {
    Map<String, String> targets = new HashMap<>();
    mounts(errors, path + ".mounts", w.mounts(), targets);
    volumes(errors, path + ".volumes", w.volumes(), targets);
    files(errors, path + ".files", w.files(), targets);
  }

  private static void mounts(
      List<FieldError> errors,
      String path,
      List<WorkloadSpec.Mount> mounts,
      Map<String, String> targets) {
    if (mounts == null) {
      return;
    }
    for (int m = 0; m < mounts.size(); m++) {
      WorkloadSpec.Mount mount = mounts.get(m);
      String at = path + "[" + m + "]";
      if (mount == null) {
        errors.add(new FieldError(at, "must not be null"));
        continue;
      }
      if (!Paths.absolute(mount.hostPath())) {
        errors.add(new FieldError(at + ".hostPath", "must be an absolute path"));
      }
      target(errors, at, "mounts[" + m + "]", mount.containerPath(), false, targets);
    }
  }

  private static void volumes(
      List<FieldError> errors,
      String path,
      List<WorkloadSpec.Volume> volumes,
      Map<String, String> targets) {
    if (volumes == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int v = 0; v < volumes.size(); v++) {
      WorkloadSpec.Volume volume = volumes.get(v);
      String at = path + "[" + v + "]";
      if (volume == null) {
        errors.add(new FieldError(at, "must not be null"));
        continue;
      }
      Names.check(errors, at + ".name", volume.name());
      if (volume.name() != null && !names.add(volume.name())) {
        errors.add(
            new FieldError(
                at + ".name", "'" + volume.name() + "' is mounted twice by this workload"));
      }
      target(errors, at, "volumes[" + v + "]", volume.containerPath(), true, targets);
      Integer size = volume.sizeMiB();
      if (size == null) {
        errors.add(new FieldError(at + ".sizeMiB", "required"));
      } else if (size < MIN_VOLUME_MIB || size > MAX_VOLUME_MIB) {
        errors.add(
            new FieldError(
                at + ".sizeMiB", "must be between " + MIN_VOLUME_MIB + " and " + MAX_VOLUME_MIB));
      }
    }
  }

  private static void files(
      List<FieldError> errors,
      String path,
      List<WorkloadSpec.File> files,
      Map<String, String> targets) {
    if (files == null) {
      return;
    }
    long total = 0;
    for (int f = 0; f < files.size(); f++) {
      WorkloadSpec.File file = files.get(f);
      String at = path + "[" + f + "]";
      if (file == null) {
        errors.add(new FieldError(at, "must not be null"));
        continue;
      }
      target(errors, at, "files[" + f + "]", file.containerPath(), true, targets);
      if (file.content() == null) {
        errors.add(new FieldError(at + ".content", "required (may be empty)"));
      } else {
        int bytes = file.content().getBytes(StandardCharsets.UTF_8).length;
        total += bytes;
        if (bytes > MAX_FILE_BYTES) {
          errors.add(
              new FieldError(at + ".content", "is " + bytes + " bytes; at most " + MAX_FILE_BYTES));
        }
      }
      if (file.mode() != null && !MODE.matcher(file.mode()).matches()) {
        errors.add(new FieldError(at + ".mode", "must be octal permissions such as \"0440\""));
      }
    }
    if (total > MAX_FILES_BYTES) {
      errors.add(
          new FieldError(
              path, "files hold " + total + " bytes together; at most " + MAX_FILES_BYTES));
    }
  }

  /** The container path of a mount, volume or file: absolute and not taken by another. */
  private static void target(
      List<FieldError> errors,
      String at,
      String label,
      String containerPath,
      boolean normal,
      Map<String, String> targets) {
    boolean ok = normal ? Paths.normalAbsolute(containerPath) : Paths.absolute(containerPath);
    if (!ok) {
      errors.add(
          new FieldError(
              at + ".containerPath",
              normal ? "must be an absolute path without . or .." : "must be an absolute path"));
      return;
    }
    String earlier = targets.putIfAbsent(containerPath, label);
    if (earlier != null) {
      errors.add(
          new FieldError(
              at + ".containerPath", "'" + containerPath + "' is already mounted by " + earlier));
    }
  }

  /** Workloads of one list that name one volume must agree on its size. */
  static void sharedVolumes(List<FieldError> errors, String path, List<WorkloadSpec> workloads) {
    Map<String, Integer> sizes = new HashMap<>();
    for (int i = 0; i < workloads.size(); i++) {
      WorkloadSpec w = workloads.get(i);
      if (w == null || w.volumes() == null) {
        continue;
      }
      for (int v = 0; v < w.volumes().size(); v++) {
        WorkloadSpec.Volume volume = w.volumes().get(v);
        if (volume == null || volume.name() == null || volume.sizeMiB() == null) {
          continue;
        }
        Integer size = sizes.putIfAbsent(volume.name(), volume.sizeMiB());
        if (size != null && !size.equals(volume.sizeMiB())) {
          errors.add(
              new FieldError(
                  path + "[" + i + "].volumes[" + v + "].sizeMiB",
                  "volume '"
                      + volume.name()
                      + "' is "
                      + size
                      + " MiB in an earlier workload; one volume has one size"));
        }
      }
    }
  }
}
