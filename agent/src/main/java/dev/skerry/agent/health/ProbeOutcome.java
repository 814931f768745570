package dev.skerry.agent.health;

import java.util.Objects;

/**
 * What one probe found, before it is stamped with a time.
 *
 * @param success whether the probe passed
 * @param message a short human-readable reason, e.g. {@code HTTP 500} or {@code connection refused}
 */
public record ProbeOutcome(boolean success, String message) {
  /** Longest message kept; probe output can be long, status reports should not be. */
  static final int MAX_MESSAGE = 200;

  public ProbeOutcome {
    Objects.requireNonNull(message, "message");
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 3) + "...";
    }
  }

  public static ProbeOutcome success(String message) {
    return new ProbeOutcome(true, message);
  }

  public static ProbeOutcome failure(String message) {
    return new ProbeOutcome(false, message);
  }
}
