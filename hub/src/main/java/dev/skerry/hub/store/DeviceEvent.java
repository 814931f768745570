package dev.skerry.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One event a device sent, stored once per {@code (deviceId, seq)}.
 *
 * @param seq its number in the device's event sequence
 * @param at when it happened on the device
 * @param workload the workload it concerns, null for the agent itself
 * @param receivedAt when the hub stored it
 */
public record DeviceEvent(
    String deviceId,
    long seq,
    Instant at,
    String workload,
    String kind,
    String message,
    Instant receivedAt) {
  public DeviceEvent {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
