package dev.skerry.core.spec;

import dev.skerry.core.wire.NetworkMode;
import dev.skerry.core.wire.RestartPolicy;
import dev.skerry.core.wire.UpdateStrategy;
import dev.skerry.core.wire.WorkloadSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every rule a {@link WorkloadSpec} must follow, in one place: the hub applies them before it
 * stores a deployment and the agent when it receives a desired document, so a spec one side takes
 * the other takes too. Pure; returns every error with its field path. What only a device knows
 * (which host paths it lets workloads mount, which device nodes exist) is not here: the agent
 * checks that when it creates the container. Mounts, volumes and files: {@link StorageRules};
 * capabilities, user, working directory and devices: {@link SecurityRules}.
 */
public final class WorkloadSpecRules {
  private WorkloadSpecRules() {}

  /**
   * Every problem of a list of workloads under {@code path} (e.g. {@code workloads}), including
   * names used twice.
   */
  public static List<FieldError> validate(String path, List<WorkloadSpec> workloads) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < workloads.size(); i++) {
      WorkloadSpec w = workloads.get(i);
      String at = path + "[" + i + "]";
      if (w == null) {
        errors.add(new FieldError(at, "must not be null"));
        continue;
      }
      errors.addAll(validate(at, w));
      if (w.name() != null && !seen.add(w.name())) {
        errors.add(
            new FieldError(at + ".name", "'" + w.name() + "' is used by an earlier workload"));
      }
    }
    StorageRules.sharedVolumes(errors, path, workloads);
    return List.copyOf(errors);
  }

  /** Every problem of one workload, each under {@code path} (e.g. {@code workloads[0]}). */
  public static List<FieldError> validate(String path, WorkloadSpec w) {
    List<FieldError> errors = new ArrayList<>();
    Names.check(errors, path + ".name", w.name());
    image(errors, path + ".image", w.image());
    strings(errors, path + ".command", w.command());
    strings(errors, path + ".args", w.args());
    env(errors, path + ".env", w.env());
    if (w.restartPolicy() != null && RestartPolicy.of(w.restartPolicy()).isEmpty()) {
      errors.add(new FieldError(path + ".restartPolicy", "must be " + RestartPolicy.choices()));
    }
    if (w.updateStrategy() != null && UpdateStrategy.of(w.updateStrategy()).isEmpty()) {
      errors.add(new FieldError(path + ".updateStrategy", "must be " + UpdateStrategy.choices()));
    }
    NetworkMode network = NetworkMode.of(w.networkOrDefault()).orElse(null);
    if (network == null) {
      errors.add(new FieldError(path + ".network", "must be " + NetworkMode.choices()));
    }
    resources(errors, path + ".resources", w.resources());
    StorageRules.check(errors, path, w);
    SecurityRules.check(errors, path, w);
    // An unknown network is reported above; the probe checks then assume nothing about it.
    errors.addAll(HealthCheckRules.validate(path + ".healthCheck", w.healthCheck(), network));
    return List.copyOf(errors);
  }

  private static void image(List<FieldError> errors, String path, String image) {
    if (image == null || image.isBlank()) {
      errors.add(new FieldError(path, "required"));
    } else {
      ImageReference.problem(image).ifPresent(p -> errors.add(new FieldError(path, p)));
    }
  }

  private static void strings(List<FieldError> errors, String path, List<String> values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        errors.add(new FieldError(path + "[" + i + "]", "must not be null"));
      } else if (values.get(i).indexOf('\0') >= 0) {
        // An argument vector cannot carry a NUL byte.
        errors.add(new FieldError(path + "[" + i + "]", "must not contain a NUL character"));
      }
    }
  }

  private static void env(List<FieldError> errors, String path, Map<String, String> env) {
    if (env == null) {
      return;
    }
    env.forEach(
        (k, v) -> {
          if (k == null || k.isEmpty()) {
            errors.add(new FieldError(path, "keys must not be empty"));
          } else if (k.indexOf('=') >= 0 || k.indexOf('\0') >= 0) {
            // The environment is a list of NAME=value strings: '=' ends the name.
            errors.add(new FieldError(path + "." + k, "the name must not contain '=' or NUL"));
          } else if (v == null) {
            errors.add(new FieldError(path + "." + k, "must be a string"));
          } else if (v.indexOf('\0') >= 0) {
            errors.add(new FieldError(path + "." + k, "must not contain a NUL character"));
          }
        });
  }

  private static void resources(
      List<FieldError> errors, String path, WorkloadSpec.Resources resources) {
    if (resources == null) {
      return;
    }
    if (resources.memoryMiB() != null && resources.memoryMiB() <= 0) {
      errors.add(new FieldError(path + ".memoryMiB", "must be > 0"));
    }
    Double cpus = resources.cpus();
    if (cpus != null && !(cpus > 0 && Double.isFinite(cpus))) {
      errors.add(new FieldError(path + ".cpus", "must be > 0"));
    }
  }
}
