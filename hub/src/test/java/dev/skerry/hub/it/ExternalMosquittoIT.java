package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub with {@code --mqtt-url} against the Mosquitto on 127.0.0.1:1883 (shared with other tests:
 * unique device ids, retained messages cleared afterwards).
 */
class ExternalMosquittoIT {
  static final String MOSQUITTO = "mqtt://127.0.0.1:1883";

  @TempDir Path dataDir;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private FakeDevice device;
  private FakeDevice other;

  @AfterEach
  void clearRetained() throws Exception {
    for (FakeDevice d : new FakeDevice[] {device, other}) {
      if (d != null) {
        d.clearRetained();
        d.close();
      }
    }
  }

  @Test
  void worksEndToEndThroughAnExternalBroker() throws Exception {
    try (TestHub hub = TestHub.external(dataDir, MOSQUITTO)) {
      assertThat(hub.brokerUrl()).isEqualTo(MOSQUITTO);
      String id = "ext-" + suffix;
      String otherId = "ext-other-" + suffix;
      device = new FakeDevice(MOSQUITTO, id).subscribeDesired();
      other = new FakeDevice(MOSQUITTO, otherId).subscribeDesired();
      device.online();
      device.report(Map.of("run", suffix), List.of());
      other.report(Map.of("run", "someone-else"), List.of());
      await().until(() -> hub.api.get("/api/v1/devices/" + id).status() == 200);
      await().until(() -> hub.api.get("/api/v1/devices/" + otherId).status() == 200);
      assertThat(hub.api.get("/api/v1/devices/" + id).body().path("labels").path("run").asText())
          .isEqualTo(suffix);

      hub.api.put("/api/v1/deployments/ext", Deployments.json("ext", "run", suffix, "e:1"));
      await().until(() -> device.desired().size() == 1);
      assertThat(device.desired().get(0).doc().workloads().get(0).spec().image()).isEqualTo("e:1");

      hub.api.delete("/api/v1/deployments/ext");
      await().until(() -> device.desired().size() == 2);
      assertThat(device.desired().get(1).doc().workloads()).isEmpty();
      assertThat(other.desired()).isEmpty();
    }
  }
}
