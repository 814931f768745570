package dev.skerry.agent.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every port's contract test shares: a fresh set of stores per test, opened by the subclass
 * (SQLite on a file made from the shipped migrations, or in memory).
 */
abstract class StoreContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Encodes an event as {@code seq:kind:message:droppedThrough}, easy to assert on. */
  static final EventEncoder PLAIN =
      (e, seq, dropped) ->
          (seq + ":" + e.kind() + ":" + e.message() + ":" + dropped).getBytes(UTF_8);

  protected AgentStores stores;

  /** Fresh stores; with an {@code encoder} (null: none) logged events enter the outbox. */
  protected abstract AgentStores open(int maxOutbox, int maxEvents, EventEncoder encoder);

  /** An outbox of at most 3 entries and an event log of at most 4. */
  @BeforeEach
  void openStores() {
    stores = open(3, 4, null);
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }

  /** Reopens with every logged event queued in an outbox of {@code maxOutbox} entries. */
  protected void reopenWithEvents(int maxOutbox) {
    stores.close();
    stores = open(maxOutbox, 100, PLAIN);
  }
}
