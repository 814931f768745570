package dev.skerry.agent.reconcile;

import java.time.Duration;

/** Restart back-off: 10 s, doubling, at most 5 min; forgotten after 10 min of running. */
public final class Backoff {
  public static final Duration INITIAL = Duration.ofSeconds(10);
  public static final Duration MAX = Duration.ofMinutes(5);
  public static final Duration RESET_AFTER = Duration.ofMinutes(10);

  private Backoff() {}

  /** The delay before the next attempt after {@code streak} attempts in a row (0 = first). */
  public static Duration delay(int streak) {
    if (streak <= 0) {
      return INITIAL;
    }
    if (streak >= 5) { // 10 s * 2^5 = 320 s > 5 min
      return MAX;
    }
    Duration d = INITIAL.multipliedBy(1L << streak);
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
