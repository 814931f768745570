package dev.skerry.hub.fleet;

import static dev.skerry.hub.deploy.Fixtures.deployment;
import static dev.skerry.hub.deploy.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.hub.deploy.ControlLoop;
import dev.skerry.hub.deploy.DeployService;
import dev.skerry.hub.deploy.Recomposer;
import dev.skerry.hub.deploy.RecordingPublisher;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.InMemoryHubStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FleetServiceTest {
  private final InMemoryHubStore store = new InMemoryHubStore();
  private final RecordingPublisher published = new RecordingPublisher();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final ControlLoop loop = new ControlLoop();
  private final Recomposer recomposer = new Recomposer(store, published, clock);
  private final FleetService fleet = new FleetService(store, recomposer, loop, clock);
  private final DeployService deploy = new DeployService(store, recomposer, loop, clock);

  @AfterEach
  void stop() {
    loop.close();
  }

  private static StatusReport report(String id, long seq, Map<String, String> labels) {
    return new StatusReport(1, id, seq, Instant.EPOCH, "0.1.0", labels, 0, 0, List.of());
  }

  @Test
  void aDeviceRegistersOnItsFirstPresence() {
    fleet.onPresence(new Presence(1, "d1", Presence.ONLINE, 7, Instant.EPOCH)).join();

    DeviceRecord d = fleet.device("d1").orElseThrow();
    assertThat(d.online()).isTrue();
    assertThat(d.presenceEpoch()).isEqualTo(7);
  }

  @Test
  void aStaleOfflineFromAnOlderEpochDoesNotMarkTheDeviceOffline() {
    fleet.onPresence(new Presence(1, "d1", Presence.ONLINE, 8, Instant.EPOCH)).join();
    fleet.onPresence(new Presence(1, "d1", Presence.OFFLINE, 7, Instant.EPOCH)).join();
    assertThat(fleet.device("d1").orElseThrow().online()).isTrue();

    fleet.onPresence(new Presence(1, "d1", Presence.OFFLINE, 8, Instant.EPOCH)).join();
    assertThat(fleet.device("d1").orElseThrow().online()).isFalse();
  }

  @Test
  void aNewDeviceMatchingADeploymentGetsItsDocumentWhenFirstSeen() {
    deploy.apply(deployment("web", Map.of("site", "north"), workload("web", "nginx:1"))).join();

    fleet.onReport(report("d1", 1, Map.of("site", "north")), "{}").join();

    assertThat(published.sentTo("d1")).singleElement().extracting(d -> d.revision()).isEqualTo(1L);
  }

  @Test
  void olderReportsAreDropped() {
    fleet.onReport(report("d1", 5, Map.of("v", "new")), "{}").join();
    fleet.onReport(report("d1", 4, Map.of("v", "old")), "{}").join();

    assertThat(fleet.device("d1").orElseThrow().reportedLabels()).containsEntry("v", "new");
  }

  @Test
  void operatorLabelsWinOverReportedOnesAndRecompose() {
    deploy.apply(deployment("web", Map.of("site", "south"), workload("web", "nginx:1"))).join();
    fleet.onReport(report("d1", 1, Map.of("site", "north", "arch", "arm64")), "{}").join();
    assertThat(published.sentTo("d1")).isEmpty();

    DeviceRecord d = fleet.setLabels("d1", Map.of("site", "south")).join().orElseThrow();

    assertThat(d.effectiveLabels()).isEqualTo(Map.of("site", "south", "arch", "arm64"));
    assertThat(published.sentTo("d1")).hasSize(1);
  }

  @Test
  void labellingAnUnknownDeviceFindsNothing() {
    assertThat(fleet.setLabels("ghost", Map.of("a", "b")).join()).isEmpty();
  }
}
