package dev.skerry.hub.rollout;

import static dev.skerry.hub.rollout.RolloutStates.DEVICE_FAILED;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_HEALTHY;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_PENDING;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_UPDATING;

import java.time.Duration;
import java.time.Instant;

/**
 * How one member of a rollout follows its device: healthy once its report shows the revision ready,
 * failed when the device gives up on it or passes the progress deadline (for good), pending while
 * it is offline and has not taken the revision, updating otherwise. The deadline counts only time
 * the hub was watching: from the later of the member's {@code since} and {@code watchingSince}
 * (when this hub process started), so a hub restart — during which no report can arrive and devices
 * reconnect with back-off — is not charged to a device. Pure.
 */
final class MemberStatus {
  private MemberStatus() {}

  /** A member's status after seeing its device's progress. */
  static RolloutMember follow(
      RolloutMember m, Candidate c, Duration deadline, Instant now, Instant watchingSince) {
    if (DEVICE_FAILED.equals(m.status())) {
      return m; // failed for this rollout for good
    }
    Progress p = c.progress();
    return switch (p.kind()) {
      case FAILED -> m.in(DEVICE_FAILED, now, p.message());
      case HEALTHY -> m.in(DEVICE_HEALTHY, now, null);
      case UPDATING -> {
        if (!c.online() && !p.taken()) {
          yield m.in(DEVICE_PENDING, now, "offline; takes the revision when it returns");
        }
        RolloutMember u = m.in(DEVICE_UPDATING, now, p.message());
        Instant clockStart = u.since().isAfter(watchingSince) ? u.since() : watchingSince;
        if (now.isAfter(clockStart.plus(deadline))) {
          yield u.in(
              DEVICE_FAILED,
              now,
              "not healthy within "
                  + deadline.toSeconds()
                  + " s"
                  + (p.message() == null ? "" : ": " + p.message()));
        }
        yield u;
      }
    };
  }
}
