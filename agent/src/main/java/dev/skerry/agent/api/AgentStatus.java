package dev.skerry.agent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.skerry.core.wire.VolumeStatus;
import dev.skerry.core.wire.WorkloadStatus;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code GET /v1/status} (docs/agent.md, Local API). {@code storeRecovered} is present only
 * when the agent found its database damaged at start and began with a fresh one; {@code
 * desiredNotActedOn} only while the stored desired document failed its boot verification (decision
 * 0010). {@code volumes}: the named volumes with size and use, absent when there are none.
 */
public record AgentStatus(
    String deviceId,
    boolean connected,
    long desiredRevision,
    long appliedRevision,
    List<WorkloadStatus> workloads,
    @JsonInclude(JsonInclude.Include.NON_NULL) StoreRecovered storeRecovered,
    @JsonInclude(JsonInclude.Include.NON_NULL) String desiredNotActedOn,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VolumeStatus> volumes) {
  public AgentStatus {
    workloads = List.copyOf(workloads);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  /** Without volumes. */
  public AgentStatus(
      String deviceId,
      boolean connected,
      long desiredRevision,
      long appliedRevision,
      List<WorkloadStatus> workloads,
      StoreRecovered storeRecovered,
      String desiredNotActedOn) {
    this(
        deviceId,
        connected,
        desiredRevision,
        appliedRevision,
        workloads,
        storeRecovered,
        desiredNotActedOn,
        List.of());
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
