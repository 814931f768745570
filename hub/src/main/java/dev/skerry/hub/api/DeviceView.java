package dev.skerry.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.VolumeStatus;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadStatus;
import dev.skerry.hub.store.DeviceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device as the REST API shows it (docs/hub.md, REST API). {@code labels} are the effective
 * labels; {@code reportedLabels} and {@code operatorLabels} show where they come from. {@code
 * workloads} and {@code volumes} (named volumes with size and use, absent when none) come from the
 * device's last status report. {@code stale}: online, but silent for longer than the configured
 * multiple of the heartbeat interval.
 */
public record DeviceView(
    String id,
    Map<String, String> labels,
    Map<String, String> reportedLabels,
    Map<String, String> operatorLabels,
    boolean online,
    boolean stale,
    Instant lastSeen,
    String agentVersion,
    long desiredRevision,
    long appliedRevision,
    List<WorkloadStatus> workloads,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VolumeStatus> volumes) {

  public DeviceView {
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  /** Without volumes. */
  public DeviceView(
      String id,
      Map<String, String> labels,
      Map<String, String> reportedLabels,
      Map<String, String> operatorLabels,
      boolean online,
      boolean stale,
      Instant lastSeen,
      String agentVersion,
      long desiredRevision,
      long appliedRevision,
      List<WorkloadStatus> workloads) {
    this(
        id,
        labels,
        reportedLabels,
        operatorLabels,
        online,
        stale,
        lastSeen,
        agentVersion,
        desiredRevision,
        appliedRevision,
        workloads,
        List.of());
  }

  static DeviceView of(DeviceRecord d, long desiredRevision) {
    return of(d, desiredRevision, false);
  }

  /**
   * @param stale online, but neither report nor heartbeat for too long (see {@code Staleness})
   */
  static DeviceView of(DeviceRecord d, long desiredRevision, boolean stale) {
    StatusReport report = report(d.lastReportJson());
    return new DeviceView(
        d.id(),
        d.effectiveLabels(),
        new java.util.TreeMap<>(d.reportedLabels()),
        new java.util.TreeMap<>(d.operatorLabels()),
        d.online(),
        stale,
        d.lastSeen(),
        d.agentVersion(),
        desiredRevision,
        d.appliedRevision(),
        report == null ? List.of() : report.workloads(),
        report == null ? List.of() : report.volumes());
  }

  private static StatusReport report(String reportJson) {
    if (reportJson == null) {
      return null;
    }
    try {
      return WireJson.mapper().readValue(reportJson, StatusReport.class);
    } catch (JsonProcessingException e) {
      return null; // it was read once on arrival; this cannot fail unless the row is damaged
    }
  }
}
