package dev.skerry.agent.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The agent's durable state. {@link SqliteAgentStore} keeps it in {@code <data-dir>/agent.db};
 * {@link InMemoryAgentStore} is for tests.
 *
 * <p>Writes return futures completed on the store's single writer thread, in the order they were
 * submitted, once the data is durable; callers on an event loop or a Paho thread chain on them
 * instead of blocking. Reads may block briefly and must not be called from an event loop.
 */
public interface AgentStore extends AutoCloseable {

  /** The stored desired document, if any. */
  Optional<StoredDesired> desired();

  /**
   * Atomically replaces the desired document if {@code revision} is greater than the stored one.
   * Completes with true if stored, false if dropped as not newer.
   */
  CompletableFuture<Boolean> replaceDesired(long revision, byte[] document);

  /**
   * As {@link #replaceDesired}, storing the document's signature ({@code skerry-sig}, null if
   * unsigned) in the same row.
   */
  CompletableFuture<Boolean> replaceSignedDesired(long revision, byte[] document, String signature);

  /** The signature stored with the desired document; empty if none or unsigned. */
  Optional<String> desiredSignature();

  /** Increments and returns the presence epoch (one per connection attempt). */
  CompletableFuture<Long> nextPresenceEpoch();

  Map<String, WorkloadRecord> workloadRecords();

  CompletableFuture<Void> saveWorkloadRecord(WorkloadRecord record);

  CompletableFuture<Void> deleteWorkloadRecord(String workload);

  Optional<LastKnownGood> lastKnownGood(String workload);

  /** Every workload's last-known-good, by workload. */
  Map<String, LastKnownGood> lastKnownGoods();

  CompletableFuture<Void> saveLastKnownGood(LastKnownGood good);

  /** The update on probation (or given up on) of every workload that has one, by workload. */
  Map<String, RolloutAttempt> rolloutAttempts();

  /** Replaces the workload's rollout attempt. */
  CompletableFuture<Void> saveRolloutAttempt(RolloutAttempt attempt);

  CompletableFuture<Void> deleteRolloutAttempt(String workload);

  /**
   * Appends a message to the outbox. {@code payload} receives the sequence number assigned to it
   * (so that it can carry it) and runs on the writer thread. With {@code replacePending}, pending
   * entries of the same kind are dropped first (reports coalesce: only the newest matters). When
   * the outbox is full the oldest entry is dropped and counted in {@link #outboxDropped()}.
   */
  CompletableFuture<OutboxEntry> appendOutbox(
      String kind, boolean replacePending, LongFunction<byte[]> payload);

  /** Pending outbox entries, oldest first. */
  List<OutboxEntry> pendingOutbox(int limit);

  /** Removes the entry {@code seq} (delivered). */
  CompletableFuture<Void> ackOutbox(long seq);

  /**
   * Removes every event entry numbered up to {@code eventSeq} (the hub stored them). Completes with
   * how many were removed.
   */
  CompletableFuture<Integer> ackEventsThrough(long eventSeq);

  /** How many entries wait in the outbox. */
  long outboxPending();

  /** How many entries were dropped because the outbox was full, since the database was made. */
  long outboxDropped();

  /** The highest event number the full outbox dropped, 0 if none. */
  long eventsDroppedThrough();

  /**
   * Logs an event locally and, if the store was opened with an {@link EventEncoder}, in the same
   * transaction queues it in the outbox with the next number of the event sequence.
   */
  CompletableFuture<Void> logEvent(String workload, String kind, String message);

  /** The newest local events, newest first. */
  List<LocalEvent> recentEvents(int limit);

  @Override
  void close();
}
