package dev.skerry.hub.rollout;

import static dev.skerry.hub.deploy.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.labels.Selector;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadStatus;
import dev.skerry.hub.deploy.ControlLoop;
import dev.skerry.hub.deploy.DeployService;
import dev.skerry.hub.deploy.Deployment;
import dev.skerry.hub.deploy.Recomposer;
import dev.skerry.hub.deploy.RecordingPublisher;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.InMemoryHubStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rollouts through the deploy service, the store and recomposition, with a clock we move. */
class RolloutFlowTest {
  private static final String WAVES_10_100 =
      "{\"type\":\"waves\",\"waves\":[10,100],\"bakeSeconds\":30,\"maxFailurePercent\":0,"
          + "\"progressDeadlineSeconds\":120}";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final InMemoryHubStore store = new InMemoryHubStore();
  private final RecordingPublisher published = new RecordingPublisher();
  private final ControlLoop loop = new ControlLoop();
  private Recomposer recomposer;
  private DeployService deploy = service();
  private long seq = 0;

  private DeployService service() {
    recomposer = new Recomposer(store, published, clock);
    return new DeployService(
        store,
        recomposer,
        loop,
        clock,
        new RolloutService(store, recomposer::recompose, clock, new RolloutMetrics()));
  }

  @AfterEach
  void stop() {
    loop.close();
  }

  private List<String> fleet(int n) {
    List<String> ids = IntStream.range(0, n).mapToObj(i -> String.format("gw-%02d", i)).toList();
    ids.forEach(id -> store.putDevice(device(id, true, null)));
    return ids;
  }

  private DeviceRecord device(String id, boolean online, String reportJson) {
    return new DeviceRecord(
        id, Map.of("app", "shop"), Map.of(), online, clock.instant(), "1", 0, seq, 0, reportJson);
  }

  /** The device reports workload web at {@code revision}, ready or not, and a failed revision. */
  private void reports(String id, long revision, boolean ready, Long failedRevision) {
    StatusReport r =
        new StatusReport(
            1,
            id,
            ++seq,
            clock.instant(),
            "1",
            Map.of("app", "shop"),
            0,
            0,
            List.of(
                new WorkloadStatus(
                    "web",
                    "shop",
                    revision,
                    "img",
                    null,
                    "running",
                    0,
                    "unknown",
                    null,
                    failedRevision == null ? null : "rolled back: unhealthy",
                    ready,
                    failedRevision)));
    try {
      store.putDevice(device(id, true, WireJson.mapper().writeValueAsString(r)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void apply(String image, String strategy) throws Exception {
    JsonNode s = strategy == null ? null : WireJson.mapper().readTree(strategy);
    deploy
        .apply(
            new Deployment(
                "shop", new Selector(Map.of("app", "shop")), List.of(workload("web", image)), s))
        .join();
  }

  private void tick() {
    loop.submit(
            () -> {
              deploy.rollouts().tick();
              return null;
            })
        .join();
  }

  /**
   * The deployment revision of workload web in the newest document sent to the device; 0 if none.
   */
  private long revisionSentTo(String id) {
    List<DesiredDocument> docs = published.sentTo(id);
    if (docs.isEmpty()) {
      return 0;
    }
    return docs.get(docs.size() - 1).workloads().stream()
        .filter(w -> w.name().equals("web"))
        .mapToLong(w -> w.revision())
        .findFirst()
        .orElse(0);
  }

  private boolean everReceived(String id, long revision) {
    return published.sentTo(id).stream()
        .flatMap(d -> d.workloads().stream())
        .anyMatch(w -> w.revision() == revision);
  }

  private RolloutView rollout() {
    return deploy.get("shop").orElseThrow().rollout();
  }

  /** Revision 1 everywhere and healthy: the starting point of most tests. */
  private List<String> shopAtRevisionOne(int devices) throws Exception {
    List<String> ids = fleet(devices);
    apply("shop:1", null);
    ids.forEach(id -> reports(id, 1, true, null));
    tick();
    assertThat(rollout().state()).isEqualTo("complete");
    return ids;
  }

  @Test
  void aGoodChangeRollsOutWaveByWaveToEveryDevice() throws Exception {
    List<String> ids = shopAtRevisionOne(10);

    apply("shop:2", WAVES_10_100);

    List<String> canaries = ids.stream().filter(id -> revisionSentTo(id) == 2).toList();
    assertThat(canaries).hasSize(1);
    assertThat(rollout().state()).isEqualTo("progressing");
    assertThat(rollout().updated()).isEqualTo(1);
    assertThat(
            published
                .sentTo(canaries.get(0))
                .get(published.sentTo(canaries.get(0)).size() - 1)
                .workloads()
                .get(0)
                .rollout()
                .progressDeadlineSeconds())
        .isEqualTo(120);

    reports(canaries.get(0), 2, true, null);
    tick();
    clock.advance(29);
    tick();
    assertThat(ids.stream().filter(id -> revisionSentTo(id) == 2)).hasSize(1);
    clock.advance(1);
    tick();
    assertThat(ids).allMatch(id -> revisionSentTo(id) == 2);
    assertThat(rollout().wave()).isEqualTo(2);

    ids.forEach(id -> reports(id, 2, true, null));
    tick();
    clock.advance(30);
    tick();
    RolloutView done = rollout();
    assertThat(done.state()).isEqualTo("complete");
    assertThat(done.targeted()).isEqualTo(10);
    assertThat(done.healthy()).isEqualTo(10);
    assertThat(done.events())
        .extracting(RolloutView.Event::kind)
        .contains("started", "wave", "complete");
  }

  @Test
  void aChangeWhoseCanaryFailsIsRolledBackAndNeverReachesTheOtherDevices() throws Exception {
    List<String> ids = shopAtRevisionOne(10);
    apply("shop:2", WAVES_10_100);
    String canary = ids.stream().filter(id -> revisionSentTo(id) == 2).findFirst().orElseThrow();

    reports(canary, 1, true, 2L); // the agent gave up on revision 2 and runs 1 again
    tick();

    RolloutView r = rollout();
    assertThat(r.state()).isEqualTo("rolledback");
    assertThat(r.failed()).isEqualTo(1);
    assertThat(revisionSentTo(canary)).isEqualTo(1);
    assertThat(ids.stream().filter(id -> !id.equals(canary))).noneMatch(id -> everReceived(id, 2));
  }

  @Test
  void aCanaryThatNeverBecomesReadyFailsAtItsDeadline() throws Exception {
    List<String> ids = shopAtRevisionOne(5);
    apply("shop:2", WAVES_10_100);
    String canary = ids.stream().filter(id -> revisionSentTo(id) == 2).findFirst().orElseThrow();
    reports(canary, 2, false, null);

    clock.advance(120);
    tick();
    assertThat(rollout().state()).isEqualTo("progressing");
    clock.advance(1);
    tick();

    assertThat(rollout().state()).isEqualTo("rolledback");
    assertThat(rollout().devices())
        .filteredOn(d -> d.id().equals(canary))
        .singleElement()
        .satisfies(d -> assertThat(d.message()).startsWith("not healthy within 120 s"));
  }

  @Test
  void pauseHoldsTheNextWaveAndResumeLetsItGo() throws Exception {
    List<String> ids = shopAtRevisionOne(10);
    apply("shop:2", WAVES_10_100);
    String canary = ids.stream().filter(id -> revisionSentTo(id) == 2).findFirst().orElseThrow();

    assertThat(deploy.pause("shop").join()).get().extracting(r -> r.state()).isEqualTo("paused");
    reports(canary, 2, true, null);
    tick();
    clock.advance(60);
    tick();
    assertThat(ids.stream().filter(id -> revisionSentTo(id) == 2)).hasSize(1);

    deploy.resume("shop").join();
    tick();
    clock.advance(30);
    tick();
    assertThat(ids).allMatch(id -> revisionSentTo(id) == 2);
  }

  @Test
  void aRestartedHubContinuesTheRolloutWithTheSameWaves() throws Exception {
    List<String> ids = shopAtRevisionOne(10);
    apply("shop:2", WAVES_10_100);
    String canary = ids.stream().filter(id -> revisionSentTo(id) == 2).findFirst().orElseThrow();
    reports(canary, 2, true, null);
    tick();

    deploy = service(); // a new hub on the same store
    clock.advance(30);
    tick();

    assertThat(rollout().wave()).isEqualTo(2);
    assertThat(ids).allMatch(id -> revisionSentTo(id) == 2);
  }

  @Test
  void aDeviceThatJoinsDuringTheCanaryWaveGetsTheStableRevisionAndAfterCompletionTheNewOne()
      throws Exception {
    List<String> ids = shopAtRevisionOne(10);
    apply("shop:2", WAVES_10_100);
    String canary = ids.stream().filter(id -> revisionSentTo(id) == 2).findFirst().orElseThrow();

    store.putDevice(device("late", true, null)); // registered: the fleet service recomposes
    loop.submit(recomposer::recompose).join();
    tick();
    assertThat(revisionSentTo("late")).isEqualTo(1);

    reports(canary, 2, true, null);
    tick();
    clock.advance(30);
    tick();
    List.of(ids, List.of("late")).forEach(l -> l.forEach(id -> reports(id, 2, true, null)));
    tick();
    clock.advance(30);
    tick();

    assertThat(rollout().state()).isEqualTo("complete");
    assertThat(revisionSentTo("late")).isEqualTo(2);
  }

  @Test
  void rollbackByTheOperatorSendsEveryDeviceTheStableRevision() throws Exception {
    List<String> ids = shopAtRevisionOne(4);
    apply("shop:2", null); // all at once
    assertThat(ids).allMatch(id -> revisionSentTo(id) == 2);

    deploy.rollback("shop").join();

    assertThat(ids).allMatch(id -> revisionSentTo(id) == 1);
    assertThat(rollout().state()).isEqualTo("rolledback");
    assertThatThrownBy(() -> deploy.rollback("shop").join())
        .isInstanceOf(CompletionException.class)
        .hasMessageContaining("already rolled back");
    assertThat(deploy.pause("nope").join()).isEqualTo(Optional.empty());
  }

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(long seconds) {
      now = now.plusSeconds(seconds);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
