package dev.skerry.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.agent.store.OutboxEntry;
import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxSenderTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AgentStores store =
      InMemoryStores.create(Clock.systemUTC(), 1000, 1000, new WireEvents("dev1"));
  private final HeldLink link = new HeldLink();
  private final SyncMetrics metrics = new SyncMetrics();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private OutboxSender sender(Duration resendAfter) {
    OutboxSender s =
        new OutboxSender("dev1", store.outbox(), link, scheduler, metrics, resendAfter);
    s.start();
    return s;
  }

  private void log(int n) {
    for (int i = 0; i < n; i++) {
      store.events().logEvent("web", "restart", "n" + i).join();
    }
  }

  private List<Long> sentEventSeqs() {
    return link.sent.stream()
        .filter(m -> m.topic().equals(Topics.events("dev1")))
        .map(m -> read(m.payload()).seq())
        .toList();
  }

  private static Event read(byte[] payload) {
    try {
      return WireJson.mapper().readValue(payload, Event.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anEventStaysInTheOutboxAfterThePubackUntilTheHubAcknowledgesIt() {
    OutboxSender sender = sender(Duration.ofHours(1));
    log(3);
    link.connect();
    await().until(() -> sentEventSeqs().size() == 3);
    link.pubackAll();
    await().until(() -> metrics.eventsPublished() == 3);
    assertThat(store.outbox().pendingOutbox(10)).hasSize(3);

    sender.hubAcked(2);

    await().until(() -> store.outbox().pendingOutbox(10).size() == 1);
    assertThat(store.outbox().pendingOutbox(10).get(0).eventSeq()).isEqualTo(3);
    assertThat(sentEventSeqs()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void replaysWhatTheHubHasNotAcknowledgedOnEveryReconnect() {
    OutboxSender sender = sender(Duration.ofHours(1));
    log(4);
    link.connect();
    await().until(() -> sentEventSeqs().size() == 4);
    link.pubackAll();
    sender.hubAcked(1);
    await().until(() -> store.outbox().pendingOutbox(10).size() == 3);

    link.connected = false;
    link.connect();

    await().until(() -> sentEventSeqs().size() == 7);
    assertThat(sentEventSeqs().subList(4, 7)).containsExactly(2L, 3L, 4L);
  }

  @Test
  void keepsAtMostAFewPublishesWaitingForTheirPuback() {
    sender(Duration.ofHours(1));
    log(30);
    link.connect();
    await().until(() -> link.sent.size() == OutboxSender.MAX_UNACKED_PUBLISHES);
    await()
        .during(Duration.ofMillis(700))
        .until(() -> link.sent.size() == OutboxSender.MAX_UNACKED_PUBLISHES);

    link.pubackAll();

    await().until(() -> link.sent.size() == 2 * OutboxSender.MAX_UNACKED_PUBLISHES);
  }

  @Test
  void sendsAgainWhatTheHubDidNotAcknowledgeInTime() {
    sender(Duration.ofMillis(200));
    log(1);
    link.connect();
    await().until(() -> sentEventSeqs().size() == 1);
    link.pubackAll();

    await().atMost(Duration.ofSeconds(5)).until(() -> sentEventSeqs().size() >= 2);
    assertThat(sentEventSeqs()).containsOnly(1L);
  }

  @Test
  void aReportLeavesTheOutboxOnItsPuback() {
    sender(Duration.ofHours(1));
    store.outbox().appendOutbox(OutboxEntry.REPORT, true, seq -> new byte[] {1}).join();
    link.connect();
    await().until(() -> link.sent.size() == 1);
    link.pubackAll();
    await().until(() -> store.outbox().pendingOutbox(10).isEmpty());
    assertThat(link.sent.get(0).topic()).isEqualTo(Topics.reported("dev1"));
  }

  /** A link whose publishes complete (PUBACK) only when the test says so. */
  static final class HeldLink implements HubLink {
    record Sent(String topic, byte[] payload, CompletableFuture<Void> puback) {}

    volatile boolean connected;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void connect() {
      connected = true;
      listeners.forEach(Runnable::run);
    }

    void pubackAll() {
      sent.forEach(s -> s.puback().complete(null));
    }

    @Override
    public boolean connected() {
      return connected;
    }

    @Override
    public CompletableFuture<Void> publish(
        String topic, byte[] payload, int qos, boolean retained) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      sent.add(new Sent(topic, payload, f));
      return f;
    }

    @Override
    public void onConnected(Runnable listener) {
      listeners.add(listener);
    }
  }
}
