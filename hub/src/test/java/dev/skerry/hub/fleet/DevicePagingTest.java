package dev.skerry.hub.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.labels.LabelSelector;
import dev.skerry.hub.deploy.ControlLoop;
import dev.skerry.hub.deploy.Recomposer;
import dev.skerry.hub.deploy.RecordingPublisher;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.InMemoryHubStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DevicePagingTest {
  private final InMemoryHubStore store = new InMemoryHubStore();
  private final ControlLoop loop = new ControlLoop();
  private final FleetService fleet =
      new FleetService(
          store,
          new Recomposer(store, new RecordingPublisher(), Clock.systemUTC()),
          loop,
          Clock.systemUTC());

  @AfterEach
  void stop() {
    loop.close();
  }

  private void device(String id, boolean online, Map<String, String> reported) {
    store.putDevice(
        new DeviceRecord(id, reported, Map.of(), online, Instant.EPOCH, "1", 0, 0, 0, null));
  }

  private List<String> allPages(LabelSelector selector, Optional<Boolean> online, int limit) {
    List<String> ids = new ArrayList<>();
    String after = null;
    do {
      DevicePage page = fleet.page(new DeviceQuery(selector, online, limit, after));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      page.items().forEach(d -> ids.add(d.id()));
      after = page.lastId();
    } while (after != null);
    return ids;
  }

  @Test
  void pagesThroughEveryDeviceInIdOrderWithoutGapsOrRepeats() {
    for (int i = 0; i < 2500; i++) {
      device(String.format("dev-%05d", i), i % 2 == 0, Map.of());
    }

    List<String> ids = allPages(new LabelSelector(List.of()), Optional.empty(), 1000);

    assertThat(ids).hasSize(2500).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void theLastFullPageCarriesNoContinuation() {
    for (int i = 0; i < 4; i++) {
      device("d" + i, true, Map.of());
    }

    assertThat(fleet.page(DeviceQuery.all(4)).lastId()).isNull();
    assertThat(fleet.page(DeviceQuery.all(3)).lastId()).isEqualTo("d2");
  }

  @Test
  void filtersByLabelsAndStateAcrossStoreChunks() {
    for (int i = 0; i < 3000; i++) {
      device(String.format("d%04d", i), i % 3 != 0, Map.of("rack", i % 1000 == 7 ? "x" : "y"));
    }

    List<String> ids = allPages(LabelSelector.parse("rack=x"), Optional.of(true), 1);

    // d2007 has the label but is offline (2007 % 3 == 0).
    assertThat(ids).containsExactly("d0007", "d1007");
    // 1000 offline devices, minus d2007 (rack=x).
    assertThat(allPages(LabelSelector.parse("rack!=x,!gpu"), Optional.of(false), 500))
        .hasSize(999)
        .allMatch(id -> Integer.parseInt(id.substring(1)) % 3 == 0);
  }

  @Test
  void operatorLabelsCountInTheFilter() {
    device("d1", true, Map.of("site", "a"));
    store.putDevice(store.device("d1").orElseThrow().withOperatorLabels(Map.of("site", "b")));

    assertThat(
            fleet
                .page(new DeviceQuery(LabelSelector.parse("site=b"), Optional.empty(), 10, null))
                .items())
        .extracting(DeviceRecord::id)
        .containsExactly("d1");
  }
}
