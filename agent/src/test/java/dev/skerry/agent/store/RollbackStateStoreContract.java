package dev.skerry.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.reconcile.LastKnownGood;
import dev.skerry.agent.reconcile.RolloutAttempt;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.DesiredWorkload.Rollout;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link RollbackStateStore} must have; run against SQLite and in-memory. */
abstract class RollbackStateStoreContract extends StoreContract {

  private RollbackStateStore store() {
    return stores.rollback();
  }

  @Test
  void remembersTheWholeLastKnownGoodWorkload() {
    DesiredWorkload web =
        new DesiredWorkload(
            "site",
            7,
            new WorkloadSpec(
                "web",
                "reg/web:7",
                List.of("httpd"),
                null,
                Map.of("A", "1"),
                "always",
                null,
                null,
                new HealthCheck(List.of("true"), null, null, 1, 1, 3, 0),
                "host",
                "start-first"),
            new Rollout(30, 5, true));
    LastKnownGood good = new LastKnownGood("web", 7, "abc", T0, web);
    store().saveLastKnownGood(good).join();
    assertThat(store().lastKnownGood("web")).contains(good);
    assertThat(store().lastKnownGoods()).containsOnly(Map.entry("web", good));
    assertThat(store().lastKnownGood("db")).isEmpty();
  }

  @Test
  void aNewerLastKnownGoodReplacesTheOlder() {
    store().saveLastKnownGood(new LastKnownGood("web", 7, "abc", T0, null)).join();
    LastKnownGood newer = new LastKnownGood("web", 8, "def", T0.plusSeconds(60), null);
    store().saveLastKnownGood(newer).join();
    assertThat(store().lastKnownGoods()).containsOnly(Map.entry("web", newer));
  }

  @Test
  void keepsOneRolloutAttemptPerWorkloadUntilDeleted() {
    RolloutAttempt trying = RolloutAttempt.started("web", "abc", 8, T0);
    store().saveRolloutAttempt(trying).join();
    store().saveRolloutAttempt(RolloutAttempt.started("db", "def", 3, T0)).join();
    assertThat(store().rolloutAttempts()).containsEntry("web", trying).containsKey("db");

    RolloutAttempt failed = trying.failed(T0.plusSeconds(30), "not ready within 30 s: unhealthy");
    store().saveRolloutAttempt(failed).join();
    assertThat(store().rolloutAttempts()).containsEntry("web", failed);

    store().deleteRolloutAttempt("web").join();
    assertThat(store().rolloutAttempts()).containsOnlyKeys("db");
  }
}
