package dev.skerry.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.reconcile.WorkloadHistory;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link WorkloadHistoryStore} must have; run against SQLite and in-memory. */
abstract class WorkloadHistoryStoreContract extends StoreContract {

  private WorkloadHistoryStore store() {
    return stores.histories();
  }

  @Test
  void startsWithoutHistories() {
    assertThat(store().workloadHistories()).isEmpty();
  }

  @Test
  void savesAndDeletesWorkloadHistories() {
    WorkloadHistory web = new WorkloadHistory("web", 3, 2, T0, 137, null, "d");
    store().saveWorkloadHistory(web).join();
    store().saveWorkloadHistory(WorkloadHistory.fresh("db")).join();
    assertThat(store().workloadHistories()).containsEntry("web", web).containsKey("db");
    store().deleteWorkloadHistory("web").join();
    assertThat(store().workloadHistories()).containsOnlyKeys("db");
  }

  @Test
  void aSavedHistoryReplacesTheWorkloadsPreviousOne() {
    WorkloadHistory first = WorkloadHistory.fresh("web").started(T0, 0, false, "sha256:a");
    WorkloadHistory exited = first.exited(1, T0.plusSeconds(5));
    store().saveWorkloadHistory(first).join();
    store().saveWorkloadHistory(exited).join();
    assertThat(store().workloadHistories()).containsOnlyKeys("web").containsEntry("web", exited);
  }
}
