package dev.skerry.hub.cli;

import java.time.Duration;
import java.time.Instant;

/**
 * Ages as kubectl shows them: the largest whole unit, {@code 5s}, {@code 3m}, {@code 2h}, {@code
 * 4d}.
 */
final class Ago {
  private Ago() {}

  static String format(Instant then, Instant now) {
    long s = Math.max(0, Duration.between(then, now).getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 86_400) {
      return s / 3600 + "h";
    }
    return s / 86_400 + "d";
  }
}
