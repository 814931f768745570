package dev.skerry.agent.store;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/** {@link AgentStore} in memory, for tests. Thread-safe; futures complete at once. */
public final class InMemoryAgentStore implements AgentStore {
  private final Clock clock;
  private final int maxOutbox;
  private final int maxEvents;
  private StoredDesired desired;
  private String desiredSignature;
  private long epoch;
  private long outboxSeq;
  private long outboxDropped;
  private long eventSeq;
  private long logId;
  private long eventsDroppedThrough;
  private final EventEncoder encoder;
  private final Map<String, WorkloadRecord> records = new HashMap<>();
  private final Map<String, LastKnownGood> lastKnownGood = new HashMap<>();
  private final Map<String, RolloutAttempt> attempts = new HashMap<>();
  private final Deque<OutboxEntry> outbox = new ArrayDeque<>();
  private final Deque<LocalEvent> events = new ArrayDeque<>();

  public InMemoryAgentStore(Clock clock, int maxOutbox, int maxEvents) {
    this(clock, maxOutbox, maxEvents, null);
  }

  /** With an {@code encoder} (null: none) every logged event also enters the outbox. */
  public InMemoryAgentStore(Clock clock, int maxOutbox, int maxEvents, EventEncoder encoder) {
    this.clock = clock;
    this.maxOutbox = maxOutbox;
    this.maxEvents = maxEvents;
    this.encoder = encoder;
  }

  public InMemoryAgentStore() {
    this(
        Clock.systemUTC(),
        SqliteAgentStore.DEFAULT_MAX_OUTBOX,
        SqliteAgentStore.DEFAULT_MAX_EVENTS);
  }

  @Override
  public synchronized Optional<StoredDesired> desired() {
    return Optional.ofNullable(desired);
  }

  @Override
  public synchronized CompletableFuture<Boolean> replaceDesired(long revision, byte[] document) {
    if (desired != null && revision <= desired.revision()) {
      return CompletableFuture.completedFuture(false);
    }
    desired = new StoredDesired(revision, document, clock.instant());
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletableFuture<Boolean> replaceSignedDesired(
      long revision, byte[] document, String signature) {
    boolean stored = replaceDesired(revision, document).join();
    if (stored) {
      desiredSignature = signature;
    }
    return CompletableFuture.completedFuture(stored);
  }

  @Override
  public synchronized Optional<String> desiredSignature() {
    return desired == null ? Optional.empty() : Optional.ofNullable(desiredSignature);
  }

  @Override
  public synchronized CompletableFuture<Long> nextPresenceEpoch() {
    return CompletableFuture.completedFuture(++epoch);
  }

  @Override
  public synchronized Map<String, WorkloadRecord> workloadRecords() {
    return Map.copyOf(records);
  }

  @Override
  public synchronized CompletableFuture<Void> saveWorkloadRecord(WorkloadRecord record) {
    records.put(record.workload(), record);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> deleteWorkloadRecord(String workload) {
    records.remove(workload);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized Optional<LastKnownGood> lastKnownGood(String workload) {
    return Optional.ofNullable(lastKnownGood.get(workload));
  }

  @Override
  public synchronized Map<String, LastKnownGood> lastKnownGoods() {
    return Map.copyOf(lastKnownGood);
  }

  @Override
  public synchronized CompletableFuture<Void> saveLastKnownGood(LastKnownGood good) {
    lastKnownGood.put(good.workload(), good);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized Map<String, RolloutAttempt> rolloutAttempts() {
    return Map.copyOf(attempts);
  }

  @Override
  public synchronized CompletableFuture<Void> saveRolloutAttempt(RolloutAttempt attempt) {
    attempts.put(attempt.workload(), attempt);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> deleteRolloutAttempt(String workload) {
    attempts.remove(workload);
    return CompletableFuture.completedFuture(null);
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

  @Override
  public synchronized CompletableFuture<Void> logEvent(
      String workload, String kind, String message) {
    LocalEvent event = new LocalEvent(++logId, clock.instant(), workload, kind, message);
    events.addFirst(event);
    while (events.size() > maxEvents) {
      events.removeLast();
    }
    if (encoder != null) {
      long number = ++eventSeq;
      makeRoom();
      byte[] bytes = encoder.encode(event, number, eventsDroppedThrough);
      outbox.addLast(new OutboxEntry(++outboxSeq, OutboxEntry.EVENT, bytes, event.at(), number));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized List<LocalEvent> recentEvents(int limit) {
    return new ArrayList<>(events).stream().limit(limit).toList();
  }

  @Override
  public void close() {}
}
