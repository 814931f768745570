package dev.skerry.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The desired document last composed for one device.
 *
 * @param revision the device revision; only grows
 * @param contentHash hash of the composed workloads, to tell a real change from a no-op
 * @param documentJson the DesiredDocument as published
 */
public record DesiredRecord(
    String deviceId, long revision, String contentHash, String documentJson, Instant issuedAt) {
  public DesiredRecord {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(documentJson, "documentJson");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }
}
