package dev.skerry.core.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device's state, published on {@code skerry/v1/devices/{id}/reported}. Reports coalesce: only
 * the newest (highest {@code seq}) matters. {@code seq} is the report sequence, which grows but may
 * skip numbers; events have their own sequence ({@link Event#seq()}).
 *
 * @param eventsDropped events the agent dropped since its database was made, because its outbox was
 *     full
 * @param eventsDroppedThrough the highest event number among them (0 if none)
 * @param volumes the device's named volumes with their size and use (absent when it has none)
 */
public record StatusReport(
    int v,
    String deviceId,
    long seq,
    Instant at,
    String agentVersion,
    Map<String, String> labels,
    long desiredRevision,
    long appliedRevision,
    List<WorkloadStatus> workloads,
    long eventsDropped,
    long eventsDroppedThrough,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VolumeStatus> volumes) {
  public StatusReport {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    workloads = workloads == null ? List.of() : List.copyOf(workloads);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  /** Without volumes. */
  public StatusReport(
      int v,
      String deviceId,
      long seq,
      Instant at,
      String agentVersion,
      Map<String, String> labels,
      long desiredRevision,
      long appliedRevision,
      List<WorkloadStatus> workloads,
      long eventsDropped,
      long eventsDroppedThrough) {
    this(
        v,
        deviceId,
        seq,
        at,
        agentVersion,
        labels,
        desiredRevision,
        appliedRevision,
        workloads,
        eventsDropped,
        eventsDroppedThrough,
        List.of());
  }

  /** A report that knows of no dropped events. */
  public StatusReport(
      int v,
      String deviceId,
      long seq,
      Instant at,
      String agentVersion,
      Map<String, String> labels,
      long desiredRevision,
      long appliedRevision,
      List<WorkloadStatus> workloads) {
    this(
        v,
        deviceId,
        seq,
        at,
        agentVersion,
        labels,
        desiredRevision,
        appliedRevision,
        workloads,
        0,
        0);
  }
}
