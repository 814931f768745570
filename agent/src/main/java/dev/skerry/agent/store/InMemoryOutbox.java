package dev.skerry.agent.store;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * {@link Outbox} in memory, for tests. Thread-safe; futures complete at once. {@link
 * InMemoryEventLog} queues events through {@link #queueEvent}.
 */
public final class InMemoryOutbox implements Outbox {
  private final Clock clock;
  private final int maxOutbox;
  private final Deque<OutboxEntry> outbox = new ArrayDeque<>();
  private long outboxSeq;
  private long outboxDropped;
  private long eventSeq;
  private long eventsDroppedThrough;

  public InMemoryOutbox(Clock clock, int maxOutbox) {
    this.clock = clock;
    this.maxOutbox = maxOutbox;
  }

  @Override
  public synchronized CompletableFuture<OutboxEntry> appendOutbox(
      String kind, boolean replacePending, LongFunction<byte[]> payload) {
    if (replacePending) {
      outbox.removeIf(e -> e.kind().equals(kind));
    }
    if (!replacePending) {
      makeRoom(); // a coalescing kind holds one entry at most; it never pushes out an event
    }
    long seq = ++outboxSeq;
    OutboxEntry entry = new OutboxEntry(seq, kind, payload.apply(seq), clock.instant());
    outbox.addLast(entry);
    return CompletableFuture.completedFuture(entry);
  }

  /** Queues a logged event with the next number of the event sequence. */
  synchronized void queueEvent(LocalEvent event, EventEncoder encoder) {
    long number = ++eventSeq;
    makeRoom();
    byte[] bytes = encoder.encode(event, number, eventsDroppedThrough);
    outbox.addLast(new OutboxEntry(++outboxSeq, OutboxEntry.EVENT, bytes, event.at(), number));
  }

  private void makeRoom() {
    while (outbox.stream().filter(e -> !e.kind().equals(OutboxEntry.REPORT)).count() >= maxOutbox) {
      OutboxEntry dropped =
          outbox.stream().filter(e -> !e.kind().equals(OutboxEntry.REPORT)).findFirst().get();
      outbox.remove(dropped);
      outboxDropped++;
      eventsDroppedThrough = Math.max(eventsDroppedThrough, dropped.eventSeq());
    }
  }

  @Override
  public synchronized List<OutboxEntry> pendingOutbox(int limit) {
    return outbox.stream().limit(limit).toList();
  }

  @Override
  public synchronized CompletableFuture<Void> ackOutbox(long seq) {
    outbox.removeIf(e -> e.seq() == seq);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Integer> ackEventsThrough(long seq) {
    int before = outbox.size();
    outbox.removeIf(e -> e.isEvent() && e.eventSeq() <= seq);
    return CompletableFuture.completedFuture(before - outbox.size());
  }

  @Override
  public synchronized long outboxPending() {
    return outbox.size();
  }

  @Override
  public synchronized long outboxDropped() {
    return outboxDropped;
  }

  @Override
  public synchronized long eventsDroppedThrough() {
    return eventsDroppedThrough;
  }
}
