package dev.skerry.agent.api;

import dev.skerry.core.wire.VolumeStatus;
import java.util.List;
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
    long appliedRevision,
    long eventsPublished,
    long outboxPending,
    long outboxDropped,
    List<VolumeStatus> volumes) {
  public MetricsSnapshot {
    workloadsByState = Map.copyOf(workloadsByState);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  /** Without volumes. */
  public MetricsSnapshot(
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
      long appliedRevision,
      long eventsPublished,
      long outboxPending,
      long outboxDropped) {
    this(
        reconcilePasses,
        reconcileSeconds,
        actionsDone,
        actionsFailed,
        workloadsByState,
        mqttConnected,
        mqttConnects,
        messagesRejected,
        messagesStale,
        reportsPublished,
        desiredRevision,
        appliedRevision,
        eventsPublished,
        outboxPending,
        outboxDropped,
        List.of());
  }

  /** Without the outbox figures (all 0). */
  public MetricsSnapshot(
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
    this(
        reconcilePasses,
        reconcileSeconds,
        actionsDone,
        actionsFailed,
        workloadsByState,
        mqttConnected,
        mqttConnects,
        messagesRejected,
        messagesStale,
        reportsPublished,
        desiredRevision,
        appliedRevision,
        0,
        0,
        0);
  }
}
