package dev.skerry.core.wire;

import java.time.Instant;
import java.util.List;

/**
 * The full set of workloads one device should run. Published retained on {@code
 * skerry/v1/devices/{id}/desired}. {@code revision} is the device revision: it only grows, and a
 * device drops any document whose revision is not greater than the one it holds.
 */
public record DesiredDocument(
    int v, String deviceId, long revision, Instant issuedAt, List<DesiredWorkload> workloads) {
  public DesiredDocument {
    workloads = workloads == null ? List.of() : List.copyOf(workloads);
  }
}
