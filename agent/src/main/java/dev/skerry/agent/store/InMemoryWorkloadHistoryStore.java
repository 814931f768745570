package dev.skerry.agent.store;

import dev.skerry.agent.reconcile.WorkloadHistory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link WorkloadHistoryStore} in memory, for tests. Thread-safe; futures complete at once. */
public final class InMemoryWorkloadHistoryStore implements WorkloadHistoryStore {
  private final Map<String, WorkloadHistory> histories = new HashMap<>();

  @Override
  public synchronized Map<String, WorkloadHistory> workloadHistories() {
    return Map.copyOf(histories);
  }

  @Override
  public synchronized CompletableFuture<Void> saveWorkloadHistory(WorkloadHistory history) {
    histories.put(history.workload(), history);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> deleteWorkloadHistory(String workload) {
    histories.remove(workload);
    return CompletableFuture.completedFuture(null);
  }
}
