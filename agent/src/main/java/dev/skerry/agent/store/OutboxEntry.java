package dev.skerry.agent.store;

import java.time.Instant;

/**
 * A message waiting to be delivered to the hub.
 *
 * @param seq increasing across the agent's life (never reused, also after restarts); a report
 *     carries it as its {@code seq}
 * @param kind {@code report} or {@code event}
 * @param eventSeq the event's number in the device's event sequence (1, 2, 3, ... without gaps), 0
 *     for anything else; an event leaves the outbox only when the hub acknowledges this number
 */
public record OutboxEntry(long seq, String kind, byte[] payload, Instant createdAt, long eventSeq) {
  public static final String REPORT = "report";
  public static final String EVENT = "event";

  public OutboxEntry(long seq, String kind, byte[] payload, Instant createdAt) {
    this(seq, kind, payload, createdAt, 0);
  }

  /** Whether this entry waits for the hub's acknowledgement rather than the broker's. */
  public boolean isEvent() {
    return eventSeq > 0;
  }
}
