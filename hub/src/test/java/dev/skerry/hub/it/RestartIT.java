package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.hub.store.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted hub reopens its database and gives devices their documents again. */
class RestartIT {
  @TempDir Path dataDir;

  @Test
  void aRestartedHubKeepsDevicesAndDeploymentsAndRepublishesDesiredDocuments() throws Exception {
    restartKeepsState(Optional.empty());
  }

  @Test
  void aRestartedHubOnPostgresqlKeepsDevicesAndDeployments() throws Exception {
    try (TestPostgres database = new TestPostgres()) {
      restartKeepsState(Optional.of(database.url()));
    }
  }

  private void restartKeepsState(Optional<String> dbUrl) throws Exception {
    int mqttPort = TestHub.freePort();
    try (TestHub first = TestHub.embedded(dataDir, mqttPort, dbUrl);
        FakeDevice device = new FakeDevice(first.brokerUrl(), "restart-1")) {
      device.report(Map.of("role", "edge"), List.of());
      await().until(() -> first.api.get("/api/v1/devices/restart-1").status() == 200);
      first.api.put("/api/v1/deployments/keep", Deployments.json("keep", "role", "edge", "k:1"));
      await()
          .until(
              () ->
                  first.api.get("/api/v1/devices/restart-1").body().path("desiredRevision").asLong()
                      == 1);
    }

    try (TestHub second = TestHub.embedded(dataDir, mqttPort, dbUrl);
        FakeDevice device = new FakeDevice(second.brokerUrl(), "restart-1")) {
      Api.Reply d = second.api.get("/api/v1/devices/restart-1");
      assertThat(d.status()).isEqualTo(200);
      assertThat(d.body().path("labels").path("role").asText()).isEqualTo("edge");
      assertThat(d.body().path("desiredRevision").asLong()).isEqualTo(1);
      assertThat(second.api.get("/api/v1/deployments/keep").body().path("revision").asLong())
          .isEqualTo(1);

      // The embedded broker keeps nothing across restarts: the hub must publish again.
      device.subscribeDesired();
      await().until(() -> device.desired().size() == 1);
      assertThat(device.desired().get(0).doc().revision()).isEqualTo(1);
      assertThat(device.desired().get(0).retained()).isTrue();
    }
  }
}
