package dev.skerry.agent.health;

import java.util.Objects;

/**
 * A container's health with its reason, as the status report shows it.
 *
 * @param health the verdict
 * @param message why, e.g. {@code HTTP 200} or {@code failure 1 of 3: connection refused}
 */
public record HealthStatus(Health health, String message) {
  /** What a container without a (probeable) health check reports. */
  public static final HealthStatus NOT_MONITORED =
      new HealthStatus(Health.UNKNOWN, "not monitored");

  public HealthStatus {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(message, "message");
  }
}
