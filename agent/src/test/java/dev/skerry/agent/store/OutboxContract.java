package dev.skerry.agent.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Behaviour every {@link Outbox} must have; run against SQLite and in-memory. */
abstract class OutboxContract extends StoreContract {

  private Outbox outbox() {
    return stores.outbox();
  }

  @Test
  void outboxSeqIncreasesAndTheEntryCarriesIt() {
    OutboxEntry a =
        outbox().appendOutbox("event", false, seq -> ("e" + seq).getBytes(UTF_8)).join();
    OutboxEntry b =
        outbox().appendOutbox("event", false, seq -> ("e" + seq).getBytes(UTF_8)).join();
    assertThat(b.seq()).isGreaterThan(a.seq());
    assertThat(new String(b.payload(), UTF_8)).isEqualTo("e" + b.seq());
    assertThat(outbox().pendingOutbox(10))
        .extracting(OutboxEntry::seq)
        .containsExactly(a.seq(), b.seq());
    assertThat(outbox().outboxPending()).isEqualTo(2);
  }

  @Test
  void reportsCoalesceInTheOutbox() {
    outbox().appendOutbox("event", false, seq -> new byte[] {1}).join();
    outbox().appendOutbox("report", true, seq -> new byte[] {2}).join();
    OutboxEntry last = outbox().appendOutbox("report", true, seq -> new byte[] {3}).join();
    assertThat(outbox().pendingOutbox(10))
        .extracting(OutboxEntry::kind)
        .containsExactly("event", "report");
    assertThat(outbox().pendingOutbox(10).get(1).seq()).isEqualTo(last.seq());
  }

  @Test
  void fullOutboxDropsTheOldestAndCountsIt() {
    for (int i = 0; i < 5; i++) {
      outbox().appendOutbox("event", false, seq -> new byte[] {(byte) seq}).join();
    }
    assertThat(outbox().pendingOutbox(10)).hasSize(3);
    assertThat(outbox().outboxDropped()).isEqualTo(2);
  }

  @Test
  void ackRemovesOnlyThatEntry() {
    OutboxEntry a = outbox().appendOutbox("event", false, seq -> new byte[0]).join();
    OutboxEntry b = outbox().appendOutbox("event", false, seq -> new byte[0]).join();
    outbox().ackOutbox(a.seq()).join();
    assertThat(outbox().pendingOutbox(10)).extracting(OutboxEntry::seq).containsExactly(b.seq());
  }

  @Test
  void pendingEntriesComeOldestFirstUpToTheLimit() {
    OutboxEntry a = outbox().appendOutbox("event", false, seq -> new byte[0]).join();
    outbox().appendOutbox("event", false, seq -> new byte[0]).join();
    assertThat(outbox().pendingOutbox(1)).extracting(OutboxEntry::seq).containsExactly(a.seq());
  }
}
