package dev.skerry.agent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.skerry.core.wire.WorkloadStatus;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code GET /v1/status} (docs/agent.md, Local API). {@code storeRecovered} is present only
 * when the agent found its database damaged at start and began with a fresh one; {@code
 * desiredNotActedOn} only while the stored desired document failed its boot verification (decision
 * 0010).
 */
public record AgentStatus(
    String deviceId,
    boolean connected,
    long desiredRevision,
    long appliedRevision,
    List<WorkloadStatus> workloads,
    @JsonInclude(JsonInclude.Include.NON_NULL) StoreRecovered storeRecovered,
    @JsonInclude(JsonInclude.Include.NON_NULL) String desiredNotActedOn) {
  public AgentStatus {
    workloads = List.copyOf(workloads);
  }

  /** Acting on the stored desired document (it verified, or none is stored). */
  public AgentStatus(
      String deviceId,
      boolean connected,
      long desiredRevision,
      long appliedRevision,
      List<WorkloadStatus> workloads,
      StoreRecovered storeRecovered) {
    this(deviceId, connected, desiredRevision, appliedRevision, workloads, storeRecovered, null);
  }

  public AgentStatus(
      String deviceId,
      boolean connected,
      long desiredRevision,
      long appliedRevision,
      List<WorkloadStatus> workloads) {
    this(deviceId, connected, desiredRevision, appliedRevision, workloads, null);
  }

  /** When the damaged database was moved aside, and why. */
  public record StoreRecovered(Instant at, String reason) {}
}
