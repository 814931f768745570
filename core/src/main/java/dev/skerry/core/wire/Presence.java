package dev.skerry.core.wire;

import java.time.Instant;

/**
 * Retained on {@code skerry/v1/devices/{id}/presence}: {@code online} on connect, and the same
 * epoch in the Last Will's {@code offline}, so that a late will from an old session cannot mark a
 * live device offline.
 */
public record Presence(int v, String deviceId, String state, long epoch, Instant at) {
  public static final String ONLINE = "online";
  public static final String OFFLINE = "offline";
}
