package dev.skerry.agent.control;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the reconcile loop, read by the metrics endpoint from any thread. */
public final class ReconcileMetrics {
  final AtomicLong passes = new AtomicLong();
  final AtomicLong passNanos = new AtomicLong();
  final AtomicLong actionsDone = new AtomicLong();
  final AtomicLong actionsFailed = new AtomicLong();

  public long passes() {
    return passes.get();
  }

  /** Total time spent in passes, in seconds. */
  public double passSeconds() {
    return passNanos.get() / 1e9;
  }

  public long actionsDone() {
    return actionsDone.get();
  }

  public long actionsFailed() {
    return actionsFailed.get();
  }
}
