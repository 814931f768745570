package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.reconcile.LastKnownGood;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.agent.store.StoredDesired;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageGcScheduleTest {
  private static DesiredWorkload workload(String name, String image) {
    return new DesiredWorkload(
        "dep",
        1,
        new WorkloadSpec(name, image, null, null, Map.of(), "always", null, null, null, null));
  }

  @Test
  void keepsTheImagesOfEveryDesiredWorkload() throws Exception {
    DesiredDocument doc =
        new DesiredDocument(
            1,
            "box",
            4,
            Instant.now(),
            List.of(workload("a", "reg:5000/app:1"), workload("b", "busybox")));
    StoredDesired stored =
        new StoredDesired(4, WireJson.mapper().writeValueAsBytes(doc), Instant.now());

    assertThat(ImageGcSchedule.desiredImages(Optional.of(stored)))
        .hasValueSatisfying(
            keep -> assertThat(keep).containsExactlyInAnyOrder("reg:5000/app:1", "busybox"));
  }

  @Test
  void collectsNothingWithoutADesiredDocumentOrWithAnUnreadableOne() {
    StoredDesired garbage =
        new StoredDesired(4, "not json".getBytes(StandardCharsets.UTF_8), Instant.now());

    assertThat(ImageGcSchedule.desiredImages(Optional.empty())).isEmpty();
    assertThat(ImageGcSchedule.desiredImages(Optional.of(garbage))).isEmpty();
  }

  @Test
  void alsoKeepsTheImageOfEachLastKnownGoodRevisionForALocalRollback() {
    AgentStores store = InMemoryStores.create();
    store
        .rollback()
        .saveLastKnownGood(
            new LastKnownGood("a", 1, "h1", Instant.now(), workload("a", "reg:5000/app:1")))
        .join();
    store
        .rollback()
        .saveLastKnownGood(new LastKnownGood("old", 1, "h0", Instant.now(), null))
        .join();

    assertThat(ImageGcSchedule.withRollbackTargets(Set.of("reg:5000/app:2"), store.rollback()))
        .containsExactlyInAnyOrder("reg:5000/app:2", "reg:5000/app:1");
  }
}
