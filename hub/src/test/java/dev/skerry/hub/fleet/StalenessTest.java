package dev.skerry.hub.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.store.DeviceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StalenessTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Staleness staleness = new Staleness(Duration.ofSeconds(180));

  private static DeviceRecord seen(boolean online, Instant lastSeen) {
    return new DeviceRecord("d1", Map.of(), Map.of(), online, lastSeen, "1", 0, 0, 0, null);
  }

  @Test
  void anOnlineDeviceHeardFromWithinTheWindowIsNotStale() {
    assertThat(staleness.isStale(seen(true, T0), T0.plusSeconds(180))).isFalse();
  }

  @Test
  void anOnlineDeviceSilentPastTheWindowIsStale() {
    assertThat(staleness.isStale(seen(true, T0), T0.plusSeconds(181))).isTrue();
  }

  @Test
  void anOfflineDeviceIsOfflineNotStale() {
    assertThat(staleness.isStale(seen(false, T0), T0.plusSeconds(3600))).isFalse();
  }
}
