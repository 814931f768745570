package dev.skerry.agent.api;

import dev.skerry.proto.msg.WorkloadStatus;
import java.util.List;

/** Body of {@code GET /v1/status} (CONTRACT.md). */
public record AgentStatus(
    String deviceId,
    boolean connected,
    long desiredRevision,
    long appliedRevision,
    List<WorkloadStatus> workloads) {
  public AgentStatus {
    workloads = List.copyOf(workloads);
  }
}
