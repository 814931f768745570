package dev.skerry.proto.msg;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device's state, published on {@code skerry/v1/devices/{id}/reported}. Reports coalesce: only
 * the newest (highest {@code seq}) matters.
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
    List<WorkloadStatus> workloads) {
  public StatusReport {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    workloads = workloads == null ? List.of() : List.copyOf(workloads);
  }
}
