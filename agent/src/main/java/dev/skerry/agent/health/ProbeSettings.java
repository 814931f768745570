package dev.skerry.agent.health;

import dev.skerry.core.spec.HealthCheckRules;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how strictly a probe runs, with the defaults filled in. Durations rather than the
 * contract's whole seconds, so tests can use milliseconds.
 *
 * @param period time from the end of one probe to the start of the next; default 10 s
 * @param timeout how long one probe may take before it counts as failed; default 1 s
 * @param failureThreshold consecutive failures that make a container unhealthy; default 3
 * @param successThreshold consecutive successes that make it healthy again; default 1 (the contract
 *     has no field for it yet)
 * @param initialDelay time after the container started before the first probe; default 0
 */
public record ProbeSettings(
    Duration period,
    Duration timeout,
    int failureThreshold,
    int successThreshold,
    Duration initialDelay) {

  public ProbeSettings {
    positive("period", period);
    positive("timeout", timeout);
    Objects.requireNonNull(initialDelay, "initialDelay");
    if (initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay must not be negative: " + initialDelay);
    }
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be positive: " + failureThreshold);
    }
    if (successThreshold < 1) {
      throw new IllegalArgumentException("successThreshold must be positive: " + successThreshold);
    }
  }

  /** Period 10 s, timeout 1 s, failureThreshold 3, successThreshold 1, initialDelay 0. */
  public static ProbeSettings defaults() {
    return new ProbeSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), 3, 1, Duration.ZERO);
  }

  /**
   * The settings a health check asks for, defaults where it is silent.
   *
   * @throws IllegalArgumentException listing every {@link HealthCheckRules} error
   */
  public static ProbeSettings from(HealthCheck check) {
    Objects.requireNonNull(check, "check");
    var errors = HealthCheckRules.validate(check);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid health check: " + errors);
    }
    ProbeSettings d = defaults();
    return new ProbeSettings(
        seconds(check.periodSeconds(), d.period()),
        seconds(check.timeoutSeconds(), d.timeout()),
        check.failureThreshold() == null ? d.failureThreshold() : check.failureThreshold(),
        d.successThreshold(),
        seconds(check.initialDelaySeconds(), d.initialDelay()));
  }

  private static Duration seconds(Integer value, Duration fallback) {
    return value == null ? fallback : Duration.ofSeconds(value);
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
