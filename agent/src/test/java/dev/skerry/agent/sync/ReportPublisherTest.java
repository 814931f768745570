package dev.skerry.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReportPublisherTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AgentStores store = InMemoryStores.create();
  private final FakeLink link = new FakeLink();
  private volatile Reconciler.Snapshot snapshot = new Reconciler.Snapshot(4, 3, List.of());
  private final SyncMetrics metrics = new SyncMetrics();
  private final OutboxSender sender =
      new OutboxSender("dev1", store.outbox(), link, scheduler, metrics, Duration.ofHours(1));
  private final ReportPublisher publisher =
      new ReportPublisher(
          "dev1",
          "1.0",
          Map.of("site", "x"),
          store.outbox(),
          link,
          sender,
          () -> snapshot,
          scheduler,
          Clock.systemUTC(),
          Duration.ofMillis(300),
          Duration.ofHours(1),
          metrics);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private StatusReport report(int i) throws Exception {
    return WireJson.mapper().readValue(link.sent.get(i), StatusReport.class);
  }

  @Test
  void publishesAReportWithIncreasingSeqAndEmptiesTheOutbox() throws Exception {
    link.connected = true;
    publisher.start();
    sender.start();
    publisher.statusChanged();
    await().until(() -> link.sent.size() == 1);
    snapshot = new Reconciler.Snapshot(4, 4, List.of());
    publisher.statusChanged();
    await().until(() -> link.sent.size() == 2);
    assertThat(report(0).appliedRevision()).isEqualTo(3);
    assertThat(report(1).appliedRevision()).isEqualTo(4);
    assertThat(report(1).seq()).isGreaterThan(report(0).seq());
    assertThat(report(1).deviceId()).isEqualTo("dev1");
    assertThat(report(1).labels()).isEqualTo(Map.of("site", "x"));
    assertThat(link.topics).containsOnly(Topics.reported("dev1"));
    await().until(() -> store.outbox().pendingOutbox(10).isEmpty());
  }

  @Test
  void coalescesABurstOfChanges() {
    link.connected = true;
    publisher.start();
    sender.start();
    for (int i = 0; i < 50; i++) {
      publisher.statusChanged();
    }
    // Leading edge at once, then at most one trailing report for the rest of the burst.
    await().until(() -> !link.sent.isEmpty());
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(5))
        .until(() -> link.sent.size() <= 2);
  }

  @Test
  void keepsOnlyTheNewestReportWhileOfflineAndSendsItOnConnect() throws Exception {
    publisher.start();
    sender.start();
    publisher.statusChanged();
    await().until(() -> store.outbox().pendingOutbox(10).size() == 1);
    snapshot = new Reconciler.Snapshot(5, 5, List.of());
    publisher.statusChanged();
    await()
        .until(
            () ->
                store.outbox().pendingOutbox(10).size() == 1
                    && store.outbox().pendingOutbox(10).get(0).seq() == 2);
    link.connect();
    await().until(() -> link.sent.size() == 1);
    assertThat(report(0).appliedRevision()).isEqualTo(5);
  }

  @Test
  void reportsSayHowManyEventsTheFullOutboxDropped() throws Exception {
    AgentStores small = InMemoryStores.create(Clock.systemUTC(), 3, 10, PLAIN);
    ReportPublisher p =
        new ReportPublisher(
            "dev1",
            "1.0",
            Map.of(),
            small.outbox(),
            link,
            new OutboxSender("dev1", small.outbox(), link, scheduler, metrics, Duration.ofHours(1)),
            () -> snapshot,
            scheduler,
            Clock.systemUTC(),
            Duration.ofMillis(10),
            Duration.ofHours(1),
            metrics);
    for (int i = 0; i < 5; i++) {
      small.events().logEvent("w", "restart", "n" + i).join();
    }
    link.connected = true;
    p.start();
    p.statusChanged();
    await().until(() -> link.topics.contains(Topics.reported("dev1")));
    StatusReport r =
        WireJson.mapper()
            .readValue(
                link.sent.get(link.topics.indexOf(Topics.reported("dev1"))), StatusReport.class);
    assertThat(r.eventsDropped()).isEqualTo(2);
    assertThat(r.eventsDroppedThrough()).isEqualTo(2);
    assertThat(small.outbox().pendingOutbox(10))
        .hasSizeGreaterThanOrEqualTo(3); // the report pushed none
  }

  static final dev.skerry.agent.store.EventEncoder PLAIN =
      (e, seq, dropped) -> ("event " + seq).getBytes(java.nio.charset.StandardCharsets.UTF_8);

  static final class FakeLink implements HubLink {
    volatile boolean connected;
    final List<byte[]> sent = new CopyOnWriteArrayList<>();
    final List<String> topics = new CopyOnWriteArrayList<>();
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void connect() {
      connected = true;
      listeners.forEach(Runnable::run);
    }

    @Override
    public boolean connected() {
      return connected;
    }

    @Override
    public CompletableFuture<Void> publish(
        String topic, byte[] payload, int qos, boolean retained) {
      sent.add(payload);
      topics.add(topic);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onConnected(Runnable listener) {
      listeners.add(listener);
    }
  }
}
