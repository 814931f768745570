package dev.skerry.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link HubStore} does; run against each implementation. */
abstract class HubStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  HubStore store;

  abstract HubStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static DeploymentRecord deployment(String name, long revision, Instant created) {
    return new DeploymentRecord(
        name, revision, "{\"name\":\"" + name + "\"}", "sha256:" + revision, created, created);
  }

  @Test
  void storesAndReplacesDevices() {
    DeviceRecord d =
        new DeviceRecord(
            "d1", Map.of("site", "n"), Map.of("o", "p"), true, T0, "0.1", 3, 7, 2, "{}");
    store.putDevice(d);
    store.putDevice(DeviceRecord.firstSeen("d0", T0));

    assertThat(store.device("d1")).contains(d);
    assertThat(store.devices()).extracting(DeviceRecord::id).containsExactly("d0", "d1");

    store.putDevice(d.withOperatorLabels(Map.of()));
    assertThat(store.device("d1").orElseThrow().operatorLabels()).isEmpty();
    assertThat(store.device("nope")).isEmpty();
  }

  @Test
  void listsDeploymentsOldestFirstEvenAcrossTimestampWidths() {
    store.putDeployment(deployment("b", 1, T0.plusMillis(120)));
    store.putDeployment(deployment("a", 1, T0.plusSeconds(1)));
    store.putDeployment(deployment("c", 1, T0));

    assertThat(store.deployments())
        .extracting(DeploymentRecord::name)
        .containsExactly("c", "b", "a");
  }

  @Test
  void keepsTheRevisionHistoryAfterADeleteSoRevisionsKeepGrowing() {
    store.putDeployment(deployment("web", 1, T0));
    store.putDeployment(deployment("web", 2, T0));

    assertThat(store.deleteDeployment("web")).isTrue();
    assertThat(store.deleteDeployment("web")).isFalse();

    assertThat(store.deployment("web")).isEmpty();
    assertThat(store.latestRevision("web")).isEqualTo(2);
    assertThat(store.history("web")).extracting(DeploymentRecord::revision).containsExactly(1L, 2L);
    assertThat(store.latestRevision("never")).isZero();
  }

  @Test
  void refusesADeploymentRevisionThatExists() {
    store.putDeployment(deployment("web", 1, T0));

    assertThatThrownBy(() -> store.putDeployment(deployment("web", 1, T0)))
        .isInstanceOf(StoreException.class);
    assertThat(store.deployment("web").orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void aDevicesDesiredRevisionOnlyGrows() {
    store.putDevice(DeviceRecord.firstSeen("d1", T0));
    store.putDesired(new DesiredRecord("d1", 1, "h1", "{\"revision\":1}", T0));
    store.putDesired(new DesiredRecord("d1", 2, "h2", "{\"revision\":2}", T0));

    assertThatThrownBy(() -> store.putDesired(new DesiredRecord("d1", 2, "h3", "{}", T0)))
        .isInstanceOf(StoreException.class);
    assertThat(store.desired("d1").orElseThrow().contentHash()).isEqualTo("h2");
    assertThat(store.desired()).hasSize(1);
  }

  @Test
  void pagesDevicesByIdAfterAGivenOne() {
    for (String id : new String[] {"d3", "d1", "d4", "d2"}) {
      store.putDevice(DeviceRecord.firstSeen(id, T0));
    }

    assertThat(store.devicesAfter(null, 2))
        .extracting(DeviceRecord::id)
        .containsExactly("d1", "d2");
    assertThat(store.devicesAfter("d2", 5))
        .extracting(DeviceRecord::id)
        .containsExactly("d3", "d4");
    assertThat(store.devicesAfter("d15", 1)).extracting(DeviceRecord::id).containsExactly("d2");
    assertThat(store.devicesAfter("d4", 5)).isEmpty();
  }

  private static RolloutRecord rollout(String state, int wave, Instant settled) {
    return new RolloutRecord(
        "web", 3, 2, state, wave, T0, settled, T0, T0.plusSeconds(1), "why: " + state);
  }

  private static RolloutDeviceRecord member(String id, String status) {
    return new RolloutDeviceRecord("web", id, 3, 0, T0, status, T0.plusSeconds(2), null);
  }

  @Test
  void storesARolloutStepAtomicallyAndReadsItBack() {
    store.applyRollout(
        new RolloutChange(
            rollout("progressing", 0, null),
            true,
            java.util.List.of(member("d2", "updating"), member("d1", "pending")),
            java.util.List.of(
                new RolloutEventRecord(0, "web", 3, T0, "started", "revision 3"),
                new RolloutEventRecord(0, "web", 3, T0, "wave", "wave 1"))));
    store.applyRollout(
        new RolloutChange(
            rollout("progressing", 1, T0.plusSeconds(5)),
            false,
            java.util.List.of(member("d2", "healthy")),
            java.util.List.of(new RolloutEventRecord(0, "web", 3, T0, "promoted", "wave 2"))));

    assertThat(store.rollout("web")).contains(rollout("progressing", 1, T0.plusSeconds(5)));
    assertThat(store.rollouts()).hasSize(1);
    assertThat(store.rolloutDevices("web"))
        .containsExactly(member("d1", "pending"), member("d2", "healthy"));
    assertThat(store.rolloutEvents("web", 2))
        .extracting(RolloutEventRecord::kind)
        .containsExactly("wave", "promoted");
    assertThat(store.rolloutEvents("web", 10)).hasSize(3);
  }

  @Test
  void aNewRolloutClearsTheDevicesOfTheOldOneAndDeletingTheDeploymentDropsTheRollout() {
    store.putDeployment(deployment("web", 1, T0));
    store.applyRollout(
        new RolloutChange(
            rollout("complete", 0, null),
            true,
            java.util.List.of(member("d1", "healthy")),
            java.util.List.of()));
    store.applyRollout(
        new RolloutChange(
            rollout("progressing", 0, null),
            true,
            java.util.List.of(member("d9", "updating")),
            java.util.List.of()));
    assertThat(store.rolloutDevices("web"))
        .extracting(RolloutDeviceRecord::deviceId)
        .containsExactly("d9");

    store.deleteDeployment("web");

    assertThat(store.rollout("web")).isEmpty();
    assertThat(store.rolloutDevices("web")).isEmpty();
  }

  private static DeviceEvent event(String device, long seq) {
    return new DeviceEvent(
        device, seq, T0.plusSeconds(seq), "web", "restart", "restart " + seq, T0.plusMillis(seq));
  }

  @Test
  void storesEachEventOnceAndCountsTheContiguousRun() {
    assertThat(store.recordEvent(event("d1", 1), 0)).isEqualTo(new EventReceipt(true, 1));
    assertThat(store.recordEvent(event("d1", 3), 0)).isEqualTo(new EventReceipt(true, 1));
    assertThat(store.recordEvent(event("d1", 1), 0)).isEqualTo(new EventReceipt(false, 1));
    assertThat(store.recordEvent(event("d1", 2), 0)).isEqualTo(new EventReceipt(true, 3));
    assertThat(store.recordEvent(event("d2", 2), 0)).isEqualTo(new EventReceipt(true, 0));

    assertThat(store.events("d1", 10)).extracting(DeviceEvent::seq).containsExactly(3L, 2L, 1L);
    assertThat(store.events("d1", 10).get(0)).isEqualTo(event("d1", 3));
    assertThat(store.events("d1", 2)).hasSize(2);
    assertThat(store.events("nobody", 10)).isEmpty();
  }

  @Test
  void countsPastEventsTheAgentDropped() {
    store.recordEvent(event("d1", 1), 0);
    store.recordEvent(event("d1", 5), 0);
    store.recordEvent(event("d1", 6), 0);

    assertThat(store.recordEvent(event("d1", 7), 4).contiguous()).isEqualTo(7);
    assertThat(store.skipEventsThrough("d1", 2)).isEqualTo(7);
  }

  @Test
  void aReportOfDroppedEventsAloneMovesTheCursor() {
    store.recordEvent(event("d1", 9), 0);

    assertThat(store.skipEventsThrough("d1", 8)).isEqualTo(9);
    assertThat(store.skipEventsThrough("d2", 3)).isEqualTo(3);
  }

  @Test
  void aLongReplayAdvancesTheCursorPastManyWindows() {
    for (long seq = 1200; seq >= 2; seq--) {
      store.recordEvent(event("d1", seq), 0);
    }
    assertThat(store.recordEvent(event("d1", 1), 0).contiguous()).isEqualTo(1200);
  }
}
