package dev.skerry.hub.security;

import dev.skerry.hub.security.SigningKeyStore.DeviceRotation;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Pure: how a signing-key rotation stands, from the devices' reported desired revisions. */
public final class RotationProgress {
  private RotationProgress() {}

  /**
   * The devices that have now acknowledged: not yet marked, and reporting a desired revision at or
   * above the first revision that announced the new key (revisions only grow, and every document
   * from that one on announces it, so the device has pinned it).
   *
   * @param reported device id to the desired revision it last reported (absent: none)
   */
  public static List<String> newlyAcked(
      Collection<DeviceRotation> devices, Map<String, Long> reported) {
    return devices.stream()
        .filter(d -> !d.acked())
        .filter(d -> reported.getOrDefault(d.deviceId(), 0L) >= d.sinceRevision())
        .map(DeviceRotation::deviceId)
        .toList();
  }

  /** Whether the old key can go: every device acknowledged, or the grace period is over. */
  public static boolean due(Collection<DeviceRotation> devices, Instant retireBy, Instant now) {
    return devices.stream().allMatch(DeviceRotation::acked) || !now.isBefore(retireBy);
  }

  /** How many devices still need the old key. */
  public static long pending(Collection<DeviceRotation> devices) {
    return devices.stream().filter(d -> !d.acked()).count();
  }
}
