package dev.skerry.hub.access;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing, per user name and per client address: after {@link #FREE_FAILURES}
 * failed logins, each further attempt must wait {@code 5 s × 2^(failures − FREE_FAILURES)}, at most
 * {@link #MAX_DELAY}; a success clears the key. Only decisions and counters, with the time given:
 * no clock, no I/O. Kept in memory (a restart forgets), bounded to {@link #MAX_KEYS} keys.
 * Thread-safe.
 */
public final class LoginThrottle {
  /** Failures allowed before any wait. */
  public static final int FREE_FAILURES = 5;

  /** The first wait, doubled with each further failure. */
  public static final Duration FIRST_DELAY = Duration.ofSeconds(5);

  /** The longest wait. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(15);

  /** Keys remembered at most; the stalest are forgotten first. */
  static final int MAX_KEYS = 10_000;

  private record Failures(int count, Instant last) {}

  private final Map<String, Failures> failures = new HashMap<>();

  /** How long {@code key} must still wait at {@code now}; empty if it may try now. */
  public synchronized Optional<Duration> waitFor(String key, Instant now) {
    Failures f = failures.get(key);
    if (f == null || f.count() < FREE_FAILURES) {
      return Optional.empty();
    }
    Instant allowed = f.last().plus(delay(f.count()));
    return now.isBefore(allowed) ? Optional.of(Duration.between(now, allowed)) : Optional.empty();
  }

  /** The wait after {@code count} consecutive failures. */
  static Duration delay(int count) {
    if (count < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int exponent = Math.min(count - FREE_FAILURES, 20);
    Duration d = FIRST_DELAY.multipliedBy(1L << exponent);
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  /** Counts a failed attempt of {@code key} at {@code now}. */
  public synchronized void failed(String key, Instant now) {
    Failures f = failures.get(key);
    if (f == null && failures.size() >= MAX_KEYS) {
      forgetStalest(now);
    }
    failures.put(key, new Failures(f == null ? 1 : f.count() + 1, now));
  }

  /** Forgets the failures of {@code key}. */
  public synchronized void succeeded(String key) {
    failures.remove(key);
  }

  // Keys whose wait is long over first; if none, the oldest.
  private void forgetStalest(Instant now) {
    Iterator<Map.Entry<String, Failures>> it = failures.entrySet().iterator();
    String oldest = null;
    Instant oldestAt = null;
    while (it.hasNext()) {
      Map.Entry<String, Failures> e = it.next();
      if (e.getValue().last().plus(MAX_DELAY).isBefore(now)) {
        it.remove();
      } else if (oldestAt == null || e.getValue().last().isBefore(oldestAt)) {
        oldest = e.getKey();
        oldestAt = e.getValue().last();
      }
    }
    if (failures.size() >= MAX_KEYS && oldest != null) {
      failures.remove(oldest);
    }
  }
}
