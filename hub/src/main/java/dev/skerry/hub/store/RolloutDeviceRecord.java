package dev.skerry.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A device a rollout has reached: it was put in a wave and given the rollout's revision.
 *
 * @param wave the wave (index) that took the device in
 * @param assignedAt when the device was put in its wave
 * @param status pending (offline, has not taken the revision yet) | updating | healthy | failed
 * @param since when the device entered its status; for updating, the progress deadline counts from
 *     here
 * @param message why the device failed, for example; null if nothing to say
 */
public record RolloutDeviceRecord(
    String name,
    String deviceId,
    long revision,
    int wave,
    Instant assignedAt,
    String status,
    Instant since,
    String message) {
  public RolloutDeviceRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(assignedAt, "assignedAt");
    Objects.requireNonNull(since, "since");
  }
}
