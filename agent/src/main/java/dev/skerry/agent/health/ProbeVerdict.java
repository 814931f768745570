package dev.skerry.agent.health;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link ProbeState} concludes at one instant.
 *
 * @param health the container's health
 * @param message why, e.g. {@code 3 consecutive failures, last: HTTP 500}
 * @param nextProbeAt when the next probe is due (may be in the past: due now)
 */
public record ProbeVerdict(Health health, String message, Instant nextProbeAt) {
  public ProbeVerdict {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(nextProbeAt, "nextProbeAt");
  }
}
