package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An online device that stops reporting is shown stale, and fresh again on its next report. */
class StalenessIT {
  @TempDir Path dir;

  @Test
  void aSilentOnlineDeviceBecomesStaleAndItsNextReportClearsIt() throws Exception {
    try (TestHub hub = TestHub.embeddedWithHeartbeat(dir, 1, 2);
        FakeDevice device = new FakeDevice(hub.brokerUrl(), "quiet-1")) {
      device.online();
      device.report(Map.of(), List.of());
      await().until(() -> hub.api.get("/api/v1/devices/quiet-1").status() == 200);
      assertThat(hub.api.get("/api/v1/devices/quiet-1").body().path("stale").asBoolean()).isFalse();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> hub.api.get("/api/v1/devices/quiet-1").body().path("stale").asBoolean());
      var body = hub.api.get("/api/v1/devices/quiet-1").body();
      assertThat(body.path("online").asBoolean()).isTrue();
      assertThat(body.path("lastSeen").asText()).isNotEmpty();

      device.report(Map.of(), List.of());
      await().until(() -> !hub.api.get("/api/v1/devices/quiet-1").body().path("stale").asBoolean());
      device.clearRetained();
    }
  }
}
