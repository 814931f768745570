package dev.skerry.agent.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.skerry.agent.reconcile.LastKnownGood;
import dev.skerry.agent.reconcile.RolloutAttempt;
import dev.skerry.agent.reconcile.WorkloadHistory;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.DesiredWorkload.Rollout;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link AgentStore} must have; run against SQLite and in-memory. */
abstract class AgentStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  protected AgentStore store;

  /** A fresh store with an outbox of at most 3 entries and an event log of at most 4. */
  protected AgentStore newStore(int maxOutbox, int maxEvents) {
    return newStore(maxOutbox, maxEvents, null);
  }

  /** The same, queueing every logged event in the outbox through {@code encoder}. */
  protected abstract AgentStore newStore(int maxOutbox, int maxEvents, EventEncoder encoder);

  /** Encodes an event as {@code seq:kind:message:droppedThrough}, easy to assert on. */
  static final EventEncoder PLAIN =
      (e, seq, dropped) ->
          (seq + ":" + e.kind() + ":" + e.message() + ":" + dropped).getBytes(UTF_8);

  private AgentStore withEvents(int maxOutbox) {
    store.close();
    store = newStore(maxOutbox, 100, PLAIN);
    return store;
  }

  private static String text(OutboxEntry e) {
    return new String(e.payload(), UTF_8);
  }

  @Test
  void loggedEventsEnterTheOutboxNumberedWithoutGapsBetweenReports() {
    withEvents(10);
    store.logEvent("web", "restart", "a").join();
    store.appendOutbox(OutboxEntry.REPORT, true, seq -> new byte[0]).join();
    store.logEvent(null, "error", "b").join();
    store.appendOutbox(OutboxEntry.REPORT, true, seq -> new byte[0]).join();

    assertThat(store.pendingOutbox(10).stream().filter(OutboxEntry::isEvent))
        .extracting(OutboxEntry::eventSeq, AgentStoreContract::text)
        .containsExactly(tuple(1L, "1:restart:a:0"), tuple(2L, "2:error:b:0"));
    assertThat(store.recentEvents(10)).extracting(LocalEvent::message).containsExactly("b", "a");
  }

  @Test
  void eventsLeaveTheOutboxOnlyWhenTheHubAcknowledgesTheirNumber() {
    withEvents(10);
    for (int i = 0; i < 3; i++) {
      store.logEvent("web", "restart", "n" + i).join();
    }
    OutboxEntry report = store.appendOutbox(OutboxEntry.REPORT, true, seq -> new byte[0]).join();

    assertThat(store.ackEventsThrough(2).join()).isEqualTo(2);
    assertThat(store.ackEventsThrough(2).join()).isZero();

    assertThat(store.pendingOutbox(10)).extracting(OutboxEntry::eventSeq).containsExactly(3L, 0L);
    assertThat(store.pendingOutbox(10).get(1).seq()).isEqualTo(report.seq());
  }

  @Test
  void aFullOutboxDropsTheOldestEventsAndSaysThroughWhichNumber() {
    withEvents(3);
    for (int i = 1; i <= 5; i++) {
      store.logEvent("web", "restart", "n" + i).join();
    }

    assertThat(store.outboxDropped()).isEqualTo(2);
    assertThat(store.eventsDroppedThrough()).isEqualTo(2);
    assertThat(store.pendingOutbox(10))
        .extracting(AgentStoreContract::text)
        .containsExactly("3:restart:n3:0", "4:restart:n4:1", "5:restart:n5:2");
  }

  @Test
  void aReportNeverPushesAnEventOutOfAFullOutbox() {
    withEvents(3);
    for (int i = 1; i <= 3; i++) {
      store.logEvent("web", "restart", "n" + i).join();
    }
    store.appendOutbox(OutboxEntry.REPORT, true, seq -> new byte[0]).join();

    assertThat(store.outboxDropped()).isZero();
    assertThat(store.pendingOutbox(10)).hasSize(4);
  }

  @Test
  void withoutAnEncoderEventsStayLocal() {
    store.logEvent("web", "restart", "x").join();
    assertThat(store.pendingOutbox(10)).isEmpty();
    assertThat(store.recentEvents(10)).hasSize(1);
  }

  @BeforeEach
  void open() {
    store = newStore(3, 4);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void startsWithoutDesiredDocument() {
    assertThat(store.desired()).isEmpty();
  }

  @Test
  void keepsTheExactBytesOfTheDesiredDocument() {
    byte[] bytes = "{\"v\":1,  \"revision\":5}\n".getBytes(UTF_8);
    assertThat(store.replaceDesired(5, bytes).join()).isTrue();
    assertThat(store.desired())
        .get()
        .satisfies(
            d -> {
              assertThat(d.revision()).isEqualTo(5);
              assertThat(d.document()).isEqualTo(bytes);
            });
  }

  @Test
  void dropsADocumentThatIsNotNewer() {
    store.replaceDesired(5, "five".getBytes(UTF_8)).join();
    assertThat(store.replaceDesired(5, "other five".getBytes(UTF_8)).join()).isFalse();
    assertThat(store.replaceDesired(4, "four".getBytes(UTF_8)).join()).isFalse();
    assertThat(new String(store.desired().orElseThrow().document(), UTF_8)).isEqualTo("five");
  }

  @Test
  void replacesWithANewerDocument() {
    store.replaceDesired(5, "five".getBytes(UTF_8)).join();
    assertThat(store.replaceDesired(6, "six".getBytes(UTF_8)).join()).isTrue();
    assertThat(store.desired().orElseThrow().revision()).isEqualTo(6);
  }

  @Test
  void presenceEpochGrowsByOne() {
    long first = store.nextPresenceEpoch().join();
    assertThat(store.nextPresenceEpoch().join()).isEqualTo(first + 1);
  }

  @Test
  void savesAndDeletesWorkloadHistorys() {
    WorkloadHistory r =
        new WorkloadHistory("web", 3, 2, Instant.parse("2026-01-01T00:00:00Z"), 137, null, "d");
    store.saveWorkloadHistory(r).join();
    store.saveWorkloadHistory(WorkloadHistory.fresh("db")).join();
    assertThat(store.workloadRecords()).containsEntry("web", r).containsKey("db");
    store.deleteWorkloadHistory("web").join();
    assertThat(store.workloadRecords()).containsOnlyKeys("db");
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
    store.saveLastKnownGood(good).join();
    assertThat(store.lastKnownGood("web")).contains(good);
    assertThat(store.lastKnownGoods()).containsOnly(Map.entry("web", good));
    assertThat(store.lastKnownGood("db")).isEmpty();
  }

  @Test
  void aNewerLastKnownGoodReplacesTheOlder() {
    store.saveLastKnownGood(new LastKnownGood("web", 7, "abc", T0, null)).join();
    LastKnownGood newer = new LastKnownGood("web", 8, "def", T0.plusSeconds(60), null);
    store.saveLastKnownGood(newer).join();
    assertThat(store.lastKnownGoods()).containsOnly(Map.entry("web", newer));
  }

  @Test
  void keepsOneRolloutAttemptPerWorkloadUntilDeleted() {
    RolloutAttempt trying = RolloutAttempt.started("web", "abc", 8, T0);
    store.saveRolloutAttempt(trying).join();
    store.saveRolloutAttempt(RolloutAttempt.started("db", "def", 3, T0)).join();
    assertThat(store.rolloutAttempts()).containsEntry("web", trying).containsKey("db");

    RolloutAttempt failed = trying.failed(T0.plusSeconds(30), "not ready within 30 s: unhealthy");
    store.saveRolloutAttempt(failed).join();
    assertThat(store.rolloutAttempts()).containsEntry("web", failed);

    store.deleteRolloutAttempt("web").join();
    assertThat(store.rolloutAttempts()).containsOnlyKeys("db");
  }

  @Test
  void outboxSeqIncreasesAndTheEntryCarriesIt() {
    OutboxEntry a = store.appendOutbox("event", false, seq -> ("e" + seq).getBytes(UTF_8)).join();
    OutboxEntry b = store.appendOutbox("event", false, seq -> ("e" + seq).getBytes(UTF_8)).join();
    assertThat(b.seq()).isGreaterThan(a.seq());
    assertThat(new String(b.payload(), UTF_8)).isEqualTo("e" + b.seq());
    assertThat(store.pendingOutbox(10))
        .extracting(OutboxEntry::seq)
        .containsExactly(a.seq(), b.seq());
  }

  @Test
  void reportsCoalesceInTheOutbox() {
    store.appendOutbox("event", false, seq -> new byte[] {1}).join();
    store.appendOutbox("report", true, seq -> new byte[] {2}).join();
    OutboxEntry last = store.appendOutbox("report", true, seq -> new byte[] {3}).join();
    assertThat(store.pendingOutbox(10))
        .extracting(OutboxEntry::kind)
        .containsExactly("event", "report");
    assertThat(store.pendingOutbox(10).get(1).seq()).isEqualTo(last.seq());
  }

  @Test
  void fullOutboxDropsTheOldestAndCountsIt() {
    for (int i = 0; i < 5; i++) {
      store.appendOutbox("event", false, seq -> new byte[] {(byte) seq}).join();
    }
    assertThat(store.pendingOutbox(10)).hasSize(3);
    assertThat(store.outboxDropped()).isEqualTo(2);
  }

  @Test
  void ackRemovesOnlyThatEntry() {
    OutboxEntry a = store.appendOutbox("event", false, seq -> new byte[0]).join();
    OutboxEntry b = store.appendOutbox("event", false, seq -> new byte[0]).join();
    store.ackOutbox(a.seq()).join();
    assertThat(store.pendingOutbox(10)).extracting(OutboxEntry::seq).containsExactly(b.seq());
  }

  @Test
  void eventLogIsBoundedAndNewestFirst() {
    for (int i = 0; i < 6; i++) {
      store.logEvent("web", "restart", "n" + i).join();
    }
    assertThat(store.recentEvents(10))
        .extracting(LocalEvent::message)
        .containsExactly("n5", "n4", "n3", "n2");
  }
}
