package dev.skerry.core.spec;

import dev.skerry.core.wire.NetworkMode;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a {@link HealthCheck} is well-formed and returns every problem at once. Pure; part of
 * {@link WorkloadSpecRules}, which the hub applies before storing and the agent on receipt.
 */
public final class HealthCheckRules {
  private static final String ROOT = "healthCheck";

  private HealthCheckRules() {}

  /**
   * Problems of a workload's health check, with paths under {@code path}, including the ones due to
   * its network mode.
   */
  public static List<FieldError> validate(String path, HealthCheck check, NetworkMode network) {
    List<FieldError> errors = new ArrayList<>(validate(path, check));
    // With network "none" the container has its own network namespace: the agent's
    // 127.0.0.1 is not the container's, so no port of it can be probed from the host.
    if (check != null && network == NetworkMode.NONE) {
      if (check.httpGet() != null) {
        errors.add(new FieldError(path + ".httpGet", "needs network host (use exec)"));
      }
      if (check.tcpSocket() != null) {
        errors.add(new FieldError(path + ".tcpSocket", "needs network host (use exec)"));
      }
    }
    return List.copyOf(errors);
  }

  /** Problems of a health check, with paths under {@code healthCheck}; none for {@code null}. */
  public static List<FieldError> validate(HealthCheck check) {
    return validate(ROOT, check);
  }

  /**
   * Problems of a health check, with paths under {@code path} (e.g. {@code
   * workloads[2].healthCheck}); none for {@code null}, which means "not monitored".
   */
  public static List<FieldError> validate(String path, HealthCheck check) {
    if (check == null) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    if (check.exec() != null) {
      kinds.add("exec");
      exec(path + ".exec", check.exec(), errors);
    }
    if (check.httpGet() != null) {
      kinds.add("httpGet");
      port(path + ".httpGet.port", check.httpGet().port(), errors);
      httpPath(path + ".httpGet.path", check.httpGet().path(), errors);
    }
    if (check.tcpSocket() != null) {
      kinds.add("tcpSocket");
      port(path + ".tcpSocket.port", check.tcpSocket().port(), errors);
    }
    if (kinds.size() != 1) {
      String found = kinds.isEmpty() ? "none" : String.join(", ", kinds);
      errors.add(
          0,
          new FieldError(
              path, "must set exactly one of exec, httpGet, tcpSocket (found " + found + ")"));
    }
    atLeastOne(path + ".periodSeconds", check.periodSeconds(), errors);
    atLeastOne(path + ".timeoutSeconds", check.timeoutSeconds(), errors);
    atLeastOne(path + ".failureThreshold", check.failureThreshold(), errors);
    Integer delay = check.initialDelaySeconds();
    if (delay != null && delay < 0) {
      errors.add(new FieldError(path + ".initialDelaySeconds", "must not be negative"));
    }
    return List.copyOf(errors);
  }

  private static void exec(String path, List<String> argv, List<FieldError> errors) {
    if (argv.isEmpty()) {
      errors.add(new FieldError(path, "must not be empty"));
      return;
    }
    for (int i = 0; i < argv.size(); i++) {
      if (argv.get(i) == null) {
        errors.add(new FieldError(path + "[" + i + "]", "must not be null"));
      }
    }
    // Later arguments may legitimately be empty strings; the program name may not.
    if (argv.get(0) != null && argv.get(0).isBlank()) {
      errors.add(new FieldError(path + "[0]", "must not be blank"));
    }
  }

  private static void port(String path, Integer port, List<FieldError> errors) {
    if (port == null) {
      errors.add(new FieldError(path, "is required"));
    } else if (port < 1 || port > 65535) {
      errors.add(new FieldError(path, "must be between 1 and 65535"));
    }
  }

  private static void httpPath(String path, String value, List<FieldError> errors) {
    if (value == null) {
      return; // absent means "/"
    }
    if (!value.startsWith("/")) {
      errors.add(new FieldError(path, "must start with /"));
    }
    // It goes verbatim into the request line, where whitespace or a CR/LF would break it.
    if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      errors.add(new FieldError(path, "must not contain whitespace or control characters"));
    }
  }

  private static void atLeastOne(String path, Integer value, List<FieldError> errors) {
    if (value != null && value < 1) {
      errors.add(new FieldError(path, "must be positive"));
    }
  }
}
