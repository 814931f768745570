package dev.skerry.agent.sync;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the hub link, read by the metrics endpoint from any thread. */
public final class SyncMetrics {
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong stale = new AtomicLong();
  final AtomicLong stored = new AtomicLong();
  final AtomicLong connects = new AtomicLong();
  final AtomicLong reportsPublished = new AtomicLong();
  final AtomicLong eventsPublished = new AtomicLong();
  final AtomicLong acksReceived = new AtomicLong();

  /** Desired documents refused as malformed, oversized, for another device or another version. */
  public long rejected() {
    return rejected.get();
  }

  /** Desired documents dropped because their revision was not newer than the stored one. */
  public long stale() {
    return stale.get();
  }

  public long stored() {
    return stored.get();
  }

  public long connects() {
    return connects.get();
  }

  public long reportsPublished() {
    return reportsPublished.get();
  }

  /** Event publishes the broker acknowledged, replays included. */
  public long eventsPublished() {
    return eventsPublished.get();
  }

  /** Event acknowledgements received from the hub. */
  public long acksReceived() {
    return acksReceived.get();
  }
}
