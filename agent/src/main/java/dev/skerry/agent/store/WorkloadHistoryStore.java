package dev.skerry.agent.store;

import dev.skerry.agent.reconcile.WorkloadHistory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the agent remembers per workload across its own restarts (restarts, back-off, last exit,
 * image digest), so that a restarted agent neither forgets a crash loop nor resets its count.
 */
public interface WorkloadHistoryStore {

  /** Every stored history, by workload. */
  Map<String, WorkloadHistory> workloadHistories();

  /** Replaces the workload's history. */
  CompletableFuture<Void> saveWorkloadHistory(WorkloadHistory history);

  CompletableFuture<Void> deleteWorkloadHistory(String workload);
}
