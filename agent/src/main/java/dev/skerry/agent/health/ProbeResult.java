package dev.skerry.agent.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One probe's outcome and when it was known.
 *
 * @param at when the probe finished
 * @param success whether it passed
 * @param message a short reason, e.g. {@code HTTP 200}
 */
public record ProbeResult(Instant at, boolean success, String message) {
  public ProbeResult {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(message, "message");
  }

  public static ProbeResult of(Instant at, ProbeOutcome outcome) {
    return new ProbeResult(at, outcome.success(), outcome.message());
  }

  public static ProbeResult success(Instant at, String message) {
    return new ProbeResult(at, true, message);
  }

  public static ProbeResult failure(Instant at, String message) {
    return new ProbeResult(at, false, message);
  }
}
