package dev.skerry.hub.fleet;

import dev.skerry.hub.store.DeviceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a device has gone quiet: its presence says online, but neither a report nor a heartbeat
 * arrived within {@code after} (a multiple of the heartbeat interval). A half-open connection or a
 * hung agent looks like this; a device whose Last Will fired is offline instead. Pure.
 */
public record Staleness(Duration after) {
  public Staleness {
    Objects.requireNonNull(after, "after");
  }

  public boolean isStale(DeviceRecord d, Instant now) {
    return d.online() && (d.lastSeen() == null || d.lastSeen().plus(after).isBefore(now));
  }
}
