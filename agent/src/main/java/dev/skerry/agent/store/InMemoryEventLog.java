package dev.skerry.agent.store;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link EventLog} in memory, for tests. Thread-safe; futures complete at once. */
public final class InMemoryEventLog implements EventLog {
  private final Clock clock;
  private final int maxEvents;
  private final InMemoryOutbox outbox;
  private final EventEncoder encoder;
  private final Deque<LocalEvent> events = new ArrayDeque<>();
  private long logId;

  /** Events stay local. */
  public InMemoryEventLog(Clock clock, int maxEvents) {
    this(clock, maxEvents, null, null);
  }

  /** With an {@code encoder} (null: none) every logged event also enters {@code outbox}. */
  public InMemoryEventLog(Clock clock, int maxEvents, InMemoryOutbox outbox, EventEncoder encoder) {
    this.clock = clock;
    this.maxEvents = maxEvents;
    this.outbox = encoder == null ? null : Objects.requireNonNull(outbox, "outbox");
    this.encoder = encoder;
  }

  @Override
  public synchronized CompletableFuture<Void> logEvent(
      String workload, String kind, String message) {
    LocalEvent event = new LocalEvent(++logId, clock.instant(), workload, kind, message);
    events.addFirst(event);
    while (events.size() > maxEvents) {
      events.removeLast();
    }
    if (encoder != null) {
      outbox.queueEvent(event, encoder);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized List<LocalEvent> recentEvents(int limit) {
    return new ArrayList<>(events).stream().limit(limit).toList();
  }
}
