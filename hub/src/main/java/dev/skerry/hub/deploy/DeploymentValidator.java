package dev.skerry.hub.deploy;

import dev.skerry.core.wire.WorkloadSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a parsed {@link Deployment}; every error names its field path, all are returned. */
public final class DeploymentValidator {
  /** Deployment and workload names: a DNS label, as in Kubernetes. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private static final Set<String> RESTART_POLICIES = Set.of("always", "on-failure", "never");
  private static final Set<String> NETWORKS = Set.of("host", "none");
  private static final Set<String> UPDATE_STRATEGIES = Set.of("stop-first", "start-first");

  private DeploymentValidator() {}

  public static List<String> validate(Deployment d) {
    List<String> errors = new ArrayList<>();
    checkName(errors, "name", d.name());
    if (d.selector() == null) {
      errors.add("selector: required (use {\"matchLabels\":{}} to target every device)");
    } else {
      d.selector()
          .matchLabels()
          .forEach(
              (k, v) -> {
                if (k.isBlank()) {
                  errors.add("selector.matchLabels: keys must not be empty");
                }
              });
      List<LabelExpression> expressions = d.selector().matchExpressions();
      for (int i = 0; i < expressions.size(); i++) {
        String at = "selector.matchExpressions[" + i + "]";
        if (expressions.get(i) == null) {
          errors.add(at + ": must not be null");
        } else {
          errors.addAll(expressions.get(i).validate(at));
        }
      }
    }
    if (d.workloads() == null || d.workloads().isEmpty()) {
      errors.add("workloads: must list at least one workload");
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < d.workloads().size(); i++) {
        WorkloadSpec w = d.workloads().get(i);
        String at = "workloads[" + i + "]";
        if (w == null) {
          errors.add(at + ": must not be null");
          continue;
        }
        checkName(errors, at + ".name", w.name());
        if (w.name() != null && !seen.add(w.name())) {
          errors.add(at + ".name: '" + w.name() + "' is used by an earlier workload");
        }
        checkWorkload(errors, at, w);
      }
    }
    errors.addAll(dev.skerry.hub.rollout.RolloutStrategy.validate(d.strategy()));
    return errors;
  }

  private static void checkName(List<String> errors, String path, String name) {
    if (name == null || name.isEmpty()) {
      errors.add(path + ": required");
    } else if (!NAME.matcher(name).matches()) {
      errors.add(
          path
              + ": '"
              + name
              + "' must be 1-63 lower-case letters, digits or '-',"
              + " starting and ending with a letter or digit");
    }
  }

  private static void checkWorkload(List<String> errors, String at, WorkloadSpec w) {
    if (w.image() == null || w.image().isBlank()) {
      errors.add(at + ".image: required");
    }
    if (w.restartPolicy() != null && !RESTART_POLICIES.contains(w.restartPolicy())) {
      errors.add(at + ".restartPolicy: must be always, on-failure or never");
    }
    if (w.updateStrategy() != null && !UPDATE_STRATEGIES.contains(w.updateStrategy())) {
      errors.add(at + ".updateStrategy: must be stop-first or start-first");
    }
    if (w.network() != null && !NETWORKS.contains(w.network())) {
      errors.add(at + ".network: must be host or none");
    }
    if (w.resources() != null) {
      if (w.resources().memoryMiB() != null && w.resources().memoryMiB() <= 0) {
        errors.add(at + ".resources.memoryMiB: must be > 0");
      }
      if (w.resources().cpus() != null && !(w.resources().cpus() > 0)) {
        errors.add(at + ".resources.cpus: must be > 0");
      }
    }
    if (w.mounts() != null) {
      for (int m = 0; m < w.mounts().size(); m++) {
        var mount = w.mounts().get(m);
        String mp = at + ".mounts[" + m + "]";
        if (mount == null || mount.hostPath() == null || !mount.hostPath().startsWith("/")) {
          errors.add(mp + ".hostPath: must be an absolute path");
        }
        if (mount == null
            || mount.containerPath() == null
            || !mount.containerPath().startsWith("/")) {
          errors.add(mp + ".containerPath: must be an absolute path");
        }
      }
    }
    if (w.healthCheck() != null) {
      checkHealth(errors, at + ".healthCheck", w.healthCheck());
    }
  }

  private static void checkHealth(List<String> errors, String at, WorkloadSpec.HealthCheck h) {
    int probes =
        (h.exec() != null ? 1 : 0)
            + (h.httpGet() != null ? 1 : 0)
            + (h.tcpSocket() != null ? 1 : 0);
    if (probes != 1) {
      errors.add(at + ": must have exactly one of exec, httpGet, tcpSocket");
    }
    if (h.exec() != null && h.exec().isEmpty()) {
      errors.add(at + ".exec: must not be empty");
    }
    if (h.httpGet() != null) {
      checkPort(errors, at + ".httpGet.port", h.httpGet().port());
    }
    if (h.tcpSocket() != null) {
      checkPort(errors, at + ".tcpSocket.port", h.tcpSocket().port());
    }
    checkPositive(errors, at + ".periodSeconds", h.periodSeconds());
    checkPositive(errors, at + ".timeoutSeconds", h.timeoutSeconds());
    checkPositive(errors, at + ".failureThreshold", h.failureThreshold());
    if (h.initialDelaySeconds() != null && h.initialDelaySeconds() < 0) {
      errors.add(at + ".initialDelaySeconds: must be >= 0");
    }
  }

  private static void checkPort(List<String> errors, String path, Integer port) {
    if (port == null || port < 1 || port > 65535) {
      errors.add(path + ": must be a port (1-65535)");
    }
  }

  private static void checkPositive(List<String> errors, String path, Integer value) {
    if (value != null && value <= 0) {
      errors.add(path + ": must be > 0");
    }
  }
}
