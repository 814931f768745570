package dev.skerry.agent.store;

import dev.skerry.agent.reconcile.LastKnownGood;
import dev.skerry.agent.reconcile.RolloutAttempt;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link RollbackStateStore} in memory, for tests. Thread-safe; futures complete at once. */
public final class InMemoryRollbackStateStore implements RollbackStateStore {
  private final Map<String, LastKnownGood> lastKnownGood = new HashMap<>();
  private final Map<String, RolloutAttempt> attempts = new HashMap<>();

  @Override
  public synchronized Optional<LastKnownGood> lastKnownGood(String workload) {
    return Optional.ofNullable(lastKnownGood.get(workload));
  }

  @Override
  public synchronized Map<String, LastKnownGood> lastKnownGoods() {
    return Map.copyOf(lastKnownGood);
  }

  @Override
  public synchronized CompletableFuture<Void> saveLastKnownGood(LastKnownGood good) {
    lastKnownGood.put(good.workload(), good);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized Map<String, RolloutAttempt> rolloutAttempts() {
    return Map.copyOf(attempts);
  }

  @Override
  public synchronized CompletableFuture<Void> saveRolloutAttempt(RolloutAttempt attempt) {
    attempts.put(attempt.workload(), attempt);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> deleteRolloutAttempt(String workload) {
    attempts.remove(workload);
    return CompletableFuture.completedFuture(null);
  }
}
