package dev.skerry.hub.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A device as the hub stores it.
 *
 * @param reportedLabels labels from the device's last report
 * @param operatorLabels labels the operator set through the API; they win over reported ones
 * @param lastSeen when the hub last heard from the device, {@code null} if never
 * @param appliedRevision device revision the agent last reported as applied
 * @param reportSeq sequence number of the last accepted report, {@code 0} before any
 * @param presenceEpoch epoch of the last accepted presence message
 * @param lastReportJson the last accepted StatusReport as JSON, {@code null} before any
 */
public record DeviceRecord(
    String id,
    Map<String, String> reportedLabels,
    Map<String, String> operatorLabels,
    boolean online,
    Instant lastSeen,
    String agentVersion,
    long appliedRevision,
    long reportSeq,
    long presenceEpoch,
    String lastReportJson) {
  public DeviceRecord {
    Objects.requireNonNull(id, "id");
    reportedLabels = Map.copyOf(reportedLabels);
    operatorLabels = Map.copyOf(operatorLabels);
  }

  /** A device the hub has just heard of. */
  public static DeviceRecord firstSeen(String id, Instant now) {
    return new DeviceRecord(id, Map.of(), Map.of(), false, now, null, 0, 0, 0, null);
  }

  /** Reported labels overlaid with the operator's: on the same key the operator wins. */
  public Map<String, String> effectiveLabels() {
    Map<String, String> labels = new java.util.TreeMap<>(reportedLabels);
    labels.putAll(operatorLabels);
    return labels;
  }

  public DeviceRecord withOperatorLabels(Map<String, String> labels) {
    return new DeviceRecord(
        id,
        reportedLabels,
        labels,
        online,
        lastSeen,
        agentVersion,
        appliedRevision,
        reportSeq,
        presenceEpoch,
        lastReportJson);
  }
}
