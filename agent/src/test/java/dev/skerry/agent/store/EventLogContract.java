package dev.skerry.agent.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link EventLog} must have, alone and together with the {@link Outbox} it queues
 * events in; run against SQLite and in-memory.
 */
abstract class EventLogContract extends StoreContract {

  private EventLog log() {
    return stores.events();
  }

  private Outbox outbox() {
    return stores.outbox();
  }

  private static String text(OutboxEntry e) {
    return new String(e.payload(), UTF_8);
  }

  @Test
  void eventLogIsBoundedAndNewestFirst() {
    for (int i = 0; i < 6; i++) {
      log().logEvent("web", "restart", "n" + i).join();
    }
    assertThat(log().recentEvents(10))
        .extracting(LocalEvent::message)
        .containsExactly("n5", "n4", "n3", "n2");
  }

  @Test
  void withoutAnEncoderEventsStayLocal() {
    log().logEvent("web", "restart", "x").join();
    assertThat(outbox().pendingOutbox(10)).isEmpty();
    assertThat(log().recentEvents(10)).hasSize(1);
  }

  @Test
  void loggedEventsEnterTheOutboxNumberedWithoutGapsBetweenReports() {
    reopenWithEvents(10);
    log().logEvent("web", "restart", "a").join();
    outbox().appendOutbox(OutboxEntry.REPORT, true, seq -> new byte[0]).join();
    log().logEvent(null, "error", "b").join();
    outbox().appendOutbox(OutboxEntry.REPORT, true, seq -> new byte[0]).join();

    assertThat(outbox().pendingOutbox(10).stream().filter(OutboxEntry::isEvent))
        .extracting(OutboxEntry::eventSeq, EventLogContract::text)
        .containsExactly(tuple(1L, "1:restart:a:0"), tuple(2L, "2:error:b:0"));
    assertThat(log().recentEvents(10)).extracting(LocalEvent::message).containsExactly("b", "a");
  }

  @Test
  void eventsLeaveTheOutboxOnlyWhenTheHubAcknowledgesTheirNumber() {
    reopenWithEvents(10);
    for (int i = 0; i < 3; i++) {
      log().logEvent("web", "restart", "n" + i).join();
    }
    OutboxEntry report = outbox().appendOutbox(OutboxEntry.REPORT, true, seq -> new byte[0]).join();

    assertThat(outbox().ackEventsThrough(2).join()).isEqualTo(2);
    assertThat(outbox().ackEventsThrough(2).join()).isZero();

    assertThat(outbox().pendingOutbox(10))
        .extracting(OutboxEntry::eventSeq)
        .containsExactly(3L, 0L);
    assertThat(outbox().pendingOutbox(10).get(1).seq()).isEqualTo(report.seq());
  }

  @Test
  void aFullOutboxDropsTheOldestEventsAndSaysThroughWhichNumber() {
    reopenWithEvents(3);
    for (int i = 1; i <= 5; i++) {
      log().logEvent("web", "restart", "n" + i).join();
    }

    assertThat(outbox().outboxDropped()).isEqualTo(2);
    assertThat(outbox().eventsDroppedThrough()).isEqualTo(2);
    assertThat(outbox().pendingOutbox(10))
        .extracting(EventLogContract::text)
        .containsExactly("3:restart:n3:0", "4:restart:n4:1", "5:restart:n5:2");
  }

  @Test
  void aReportNeverPushesAnEventOutOfAFullOutbox() {
    reopenWithEvents(3);
    for (int i = 1; i <= 3; i++) {
      log().logEvent("web", "restart", "n" + i).join();
    }
    outbox().appendOutbox(OutboxEntry.REPORT, true, seq -> new byte[0]).join();

    assertThat(outbox().outboxDropped()).isZero();
    assertThat(outbox().pendingOutbox(10)).hasSize(4);
  }
}
