package dev.skerry.core.systemd;

import java.time.Duration;
import java.util.Objects;

/**
 * When to ping systemd's watchdog: only while the watched loop shows progress. A loop that has
 * shown none for longer than {@code stallLimit} is hung; the pings stop and {@code WatchdogSec=}
 * restarts the service. Pure: it is given the times, in {@link System#nanoTime()} units.
 *
 * @param stallLimit the longest a healthy loop goes without a sign of life
 */
public record Watchdog(Duration stallLimit) {
  public Watchdog {
    Objects.requireNonNull(stallLimit, "stallLimit");
    if (stallLimit.isNegative() || stallLimit.isZero()) {
      throw new IllegalArgumentException("stallLimit must be positive: " + stallLimit);
    }
  }

  /** Whether to ping now, given the loop's last sign of life. */
  public boolean shouldPing(long lastProgressNanos, long nowNanos) {
    return nowNanos - lastProgressNanos <= stallLimit.toNanos();
  }

  /**
   * How often to ping for a systemd timeout: half of it, as {@code sd_watchdog_enabled(3)} advises,
   * so one late ping does not cost a restart.
   */
  public static Duration pingInterval(Duration timeout) {
    return Duration.ofNanos(Math.max(1_000_000, timeout.toNanos() / 2));
  }
}
