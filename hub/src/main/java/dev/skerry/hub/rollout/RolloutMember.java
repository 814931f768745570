package dev.skerry.hub.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * A device a rollout has reached: it was put in a wave and given the rollout's revision.
 *
 * @param name the deployment
 * @param wave the wave (index) that took the device in
 * @param assignedAt when the device was put in its wave
 * @param status one of {@link RolloutStates}' device states: pending (offline, has not taken the
 *     revision yet) | updating | healthy | failed
 * @param since when the device entered its status; for updating, the progress deadline counts from
 *     here
 * @param message why the device failed, for example; null if nothing to say
 */
public record RolloutMember(
    String name,
    String deviceId,
    long revision,
    int wave,
    Instant assignedAt,
    String status,
    Instant since,
    String message) {
  public RolloutMember {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(assignedAt, "assignedAt");
    Objects.requireNonNull(since, "since");
  }

  /** The member in {@code status}; {@code since} moves only when the status changes. */
  RolloutMember in(String status, Instant now, String message) {
    Instant from = status.equals(this.status) ? since : now;
    return new RolloutMember(name, deviceId, revision, wave, assignedAt, status, from, message);
  }
}
