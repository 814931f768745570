package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.hub.mqtt.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub with {@code --mqtt-url} rides out a broker restart: it reconnects, subscribes again and
 * republishes the desired documents the (memory-only) broker lost.
 */
class ReconnectIT {
  @TempDir Path hubDir;
  @TempDir Path brokerDir;

  @Test
  void afterABrokerRestartTheHubSubscribesAgainAndRepublishes() throws Exception {
    int port = TestHub.freePort();
    EmbeddedBroker broker = EmbeddedBroker.start(brokerDir, "127.0.0.1", port);
    try (TestHub hub = TestHub.external(hubDir, "mqtt://127.0.0.1:" + port)) {
      try (FakeDevice device = new FakeDevice(hub.brokerUrl(), "reconnect-1")) {
        device.report(Map.of("r", "yes"), List.of());
        await().until(() -> hub.api.get("/api/v1/devices/reconnect-1").status() == 200);
        hub.api.put("/api/v1/deployments/rc", Deployments.json("rc", "r", "yes", "rc:1"));
        await()
            .until(
                () ->
                    hub.api
                            .get("/api/v1/devices/reconnect-1")
                            .body()
                            .path("desiredRevision")
                            .asLong()
                        == 1);
      }

      broker.close();
      broker = EmbeddedBroker.start(brokerDir, "127.0.0.1", port);

      try (FakeDevice device = new FakeDevice(hub.brokerUrl(), "reconnect-1", 1)) {
        device.subscribeDesired();
        await().atMost(Duration.ofSeconds(60)).until(() -> device.desired().size() == 1);
        assertThat(device.desired().get(0).doc().revision()).isEqualTo(1);

        device.report(Map.of("r", "yes", "after", "restart"), List.of());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    hub.api
                        .get("/api/v1/devices/reconnect-1")
                        .body()
                        .path("labels")
                        .path("after")
                        .asText()
                        .equals("restart"));
      }
    } finally {
      broker.close();
    }
  }
}
