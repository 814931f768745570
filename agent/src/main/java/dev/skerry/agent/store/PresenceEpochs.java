package dev.skerry.agent.store;

import java.util.concurrent.CompletableFuture;

/**
 * The presence epoch: one number per connection attempt, never reused, so the hub can tell a stale
 * "offline" will from the current session's.
 */
@FunctionalInterface
public interface PresenceEpochs {

  /** Increments and returns the presence epoch. */
  CompletableFuture<Long> nextPresenceEpoch();
}
