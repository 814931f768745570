package dev.skerry.hub.deploy;

import static dev.skerry.hub.deploy.Fixtures.deployment;
import static dev.skerry.hub.deploy.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.InMemoryHubStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeployServiceTest {
  private final InMemoryHubStore store = new InMemoryHubStore();
  private final RecordingPublisher published = new RecordingPublisher();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final ControlLoop loop = new ControlLoop();
  private final Recomposer recomposer = new Recomposer(store, published, clock);
  private final DeployService service = new DeployService(store, recomposer, loop, clock);

  @AfterEach
  void stop() {
    loop.close();
  }

  private void device(String id, Map<String, String> labels) {
    store.putDevice(
        new DeviceRecord(id, labels, Map.of(), true, clock.instant(), "1", 0, 0, 0, null));
  }

  @Test
  void applyingNewContentMakesRevisionOneAndSendsMatchingDevicesTheirDocument() {
    device("north-1", Map.of("site", "north"));
    device("south-1", Map.of("site", "south"));

    ApplyResult r =
        service
            .apply(deployment("web", Map.of("site", "north"), workload("web", "nginx:1")))
            .join();

    assertThat(r).isEqualTo(new ApplyResult("web", 1, true));
    assertThat(published.sentTo("north-1"))
        .singleElement()
        .satisfies(
            doc -> {
              assertThat(doc.revision()).isEqualTo(1);
              assertThat(doc.workloads())
                  .containsExactly(new DesiredWorkload("web", 1, workload("web", "nginx:1")));
            });
    assertThat(published.sentTo("south-1")).isEmpty();
  }

  @Test
  void applyingTheSameContentAgainIsANoOp() {
    device("d1", Map.of());
    Deployment d = deployment("web", Map.of(), workload("web", "nginx:1"));
    service.apply(d).join();

    ApplyResult again = service.apply(d).join();

    assertThat(again).isEqualTo(new ApplyResult("web", 1, false));
    assertThat(published.sentTo("d1")).hasSize(1);
    assertThat(store.history("web")).hasSize(1);
  }

  @Test
  void changingTheImageMakesTheNextRevisionOfDeploymentAndDevice() {
    device("d1", Map.of());
    service.apply(deployment("web", Map.of(), workload("web", "nginx:1"))).join();

    ApplyResult r = service.apply(deployment("web", Map.of(), workload("web", "nginx:2"))).join();

    assertThat(r.revision()).isEqualTo(2);
    DesiredDocument last = published.sentTo("d1").get(1);
    assertThat(last.revision()).isEqualTo(2);
    assertThat(last.workloads())
        .containsExactly(new DesiredWorkload("web", 2, workload("web", "nginx:2")));
  }

  @Test
  void deletingSendsDevicesADocumentWithoutTheWorkloadsAndKeepsRevisionsGrowing() {
    device("d1", Map.of());
    service.apply(deployment("web", Map.of(), workload("web", "nginx:1"))).join();

    assertThat(service.delete("web").join()).isTrue();

    DesiredDocument last = published.sentTo("d1").get(1);
    assertThat(last.revision()).isEqualTo(2);
    assertThat(last.workloads()).isEmpty();
    assertThat(service.get("web")).isEmpty();
    assertThat(service.delete("web").join()).isFalse();
    assertThat(service.apply(deployment("web", Map.of(), workload("web", "nginx:1"))).join())
        .isEqualTo(new ApplyResult("web", 2, true));
  }

  @Test
  void aChangeThatDoesNotTouchADeviceGivesItNoNewRevision() {
    device("north-1", Map.of("site", "north"));
    service.apply(deployment("web", Map.of("site", "north"), workload("web", "nginx:1"))).join();

    service.apply(deployment("db", Map.of("site", "south"), workload("db", "pg:16"))).join();

    assertThat(published.sentTo("north-1")).hasSize(1);
  }

  @Test
  void conflictsAreVisibleOnBothDeployments() {
    device("d1", Map.of());
    service.apply(deployment("first", Map.of(), workload("web", "a:1"))).join();
    Clock later = Clock.offset(clock, java.time.Duration.ofSeconds(1));
    new DeployService(store, recomposer, loop, later)
        .apply(deployment("second", Map.of(), workload("web", "b:1")))
        .join();

    Conflict conflict = new Conflict("d1", "web", "first", "second");
    assertThat(service.get("first").orElseThrow().conflicts()).containsExactly(conflict);
    assertThat(service.get("second").orElseThrow().conflicts()).containsExactly(conflict);
    assertThat(published.sentTo("d1")).hasSize(1);
  }
}
