package dev.skerry.agent.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * Messages waiting to be delivered to the hub, oldest first, bounded. Reports coalesce; events
 * (queued by the {@link EventLog} in the transaction that logs them) wait for the hub's
 * acknowledgement of their number.
 */
public interface Outbox {

  /**
   * Appends a message. {@code payload} receives the sequence number assigned to it (so that it can
   * carry it) and runs on the writer thread. With {@code replacePending}, pending entries of the
   * same kind are dropped first (reports coalesce: only the newest matters). When the outbox is
   * full the oldest entry is dropped and counted in {@link #outboxDropped()}.
   */
  CompletableFuture<OutboxEntry> appendOutbox(
      String kind, boolean replacePending, LongFunction<byte[]> payload);

  /** Pending entries, oldest first. */
  List<OutboxEntry> pendingOutbox(int limit);

  /** Removes the entry {@code seq} (delivered). */
  CompletableFuture<Void> ackOutbox(long seq);

  /**
   * Removes every event entry numbered up to {@code eventSeq} (the hub stored them). Completes with
   * how many were removed.
   */
  CompletableFuture<Integer> ackEventsThrough(long eventSeq);

  /** How many entries wait. */
  long outboxPending();

  /** How many entries were dropped because the outbox was full, since the database was made. */
  long outboxDropped();

  /** The highest event number the full outbox dropped, 0 if none. */
  long eventsDroppedThrough();
}
