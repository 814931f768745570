package dev.skerry.hub.rollout;

import java.util.concurrent.atomic.AtomicLong;

/** Rollout counters since the hub started, for {@code /metrics}. */
public final class RolloutMetrics {
  final AtomicLong started = new AtomicLong();
  final AtomicLong completed = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong rolledBack = new AtomicLong();
  final AtomicLong wavesPromoted = new AtomicLong();

  public long started() {
    return started.get();
  }

  public long completed() {
    return completed.get();
  }

  public long failed() {
    return failed.get();
  }

  public long rolledBack() {
    return rolledBack.get();
  }

  public long wavesPromoted() {
    return wavesPromoted.get();
  }
}
