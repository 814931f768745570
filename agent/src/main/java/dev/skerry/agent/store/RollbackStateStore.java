package dev.skerry.agent.store;

import dev.skerry.agent.reconcile.LastKnownGood;
import dev.skerry.agent.reconcile.RolloutAttempt;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What local rollback needs to survive an agent restart: each workload's last-known-good revision
 * and its update on probation (or given up on).
 */
public interface RollbackStateStore {

  Optional<LastKnownGood> lastKnownGood(String workload);

  /** Every workload's last-known-good, by workload. */
  Map<String, LastKnownGood> lastKnownGoods();

  /** Replaces the workload's last-known-good. */
  CompletableFuture<Void> saveLastKnownGood(LastKnownGood good);

  /** The update on probation (or given up on) of every workload that has one, by workload. */
  Map<String, RolloutAttempt> rolloutAttempts();

  /** Replaces the workload's rollout attempt. */
  CompletableFuture<Void> saveRolloutAttempt(RolloutAttempt attempt);

  CompletableFuture<Void> deleteRolloutAttempt(String workload);
}
