package dev.skerry.agent.store;

import java.time.Instant;

/**
 * A message waiting to be delivered to the hub.
 *
 * @param seq increasing across the agent's life (never reused, also after restarts)
 * @param kind {@code report} or {@code event}
 */
public record OutboxEntry(long seq, String kind, byte[] payload, Instant createdAt) {
  public static final String REPORT = "report";
  public static final String EVENT = "event";
}
