package dev.skerry.agent.store;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Every port in memory, for tests: the counterpart of {@link SqliteStores}. */
public final class InMemoryStores {
  private InMemoryStores() {}

  public static AgentStores create() {
    return create(
        Clock.systemUTC(), SqliteStores.DEFAULT_MAX_OUTBOX, SqliteStores.DEFAULT_MAX_EVENTS);
  }

  public static AgentStores create(Clock clock, int maxOutbox, int maxEvents) {
    return create(clock, maxOutbox, maxEvents, null);
  }

  /** With an {@code encoder} (null: none) every logged event also enters the outbox. */
  public static AgentStores create(
      Clock clock, int maxOutbox, int maxEvents, EventEncoder encoder) {
    InMemoryOutbox outbox = new InMemoryOutbox(clock, maxOutbox);
    AtomicLong epoch = new AtomicLong();
    return new AgentStores(
        new InMemoryDesiredStateStore(clock),
        new InMemoryWorkloadHistoryStore(),
        new InMemoryRollbackStateStore(),
        outbox,
        new InMemoryEventLog(clock, maxEvents, outbox, encoder),
        () -> CompletableFuture.completedFuture(epoch.incrementAndGet()),
        new InMemoryVolumeStore(),
        () -> {});
  }
}
