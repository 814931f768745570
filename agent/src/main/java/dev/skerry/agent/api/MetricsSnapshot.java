package dev.skerry.agent.api;

import java.util.Map;

/** The numbers {@code GET /metrics} shows, read at request time. */
public record MetricsSnapshot(
    long reconcilePasses,
    double reconcileSeconds,
    long actionsDone,
    long actionsFailed,
    Map<String, Long> workloadsByState,
    boolean mqttConnected,
    long mqttConnects,
    long messagesRejected,
    long messagesStale,
    long reportsPublished,
    long desiredRevision,
    long appliedRevision) {
  public MetricsSnapshot {
    workloadsByState = Map.copyOf(workloadsByState);
  }
}
