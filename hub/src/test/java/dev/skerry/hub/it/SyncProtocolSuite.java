package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.wire.CommandResponse;
import dev.skerry.core.wire.Presence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync protocol through a real hub and a real broker; one subclass per broker (embedded HiveMQ,
 * mosquitto, mosquitto over TLS), so every broker is held to the same behaviour.
 */
abstract class SyncProtocolSuite {
  @TempDir Path dir;
  TestHub hub;
  private final List<FakeDevice> devices = new ArrayList<>();

  /** Starts the broker and a hub using it. */
  abstract TestHub startHub(Path dir) throws Exception;

  /** The trust a device needs for this broker; null for plain MQTT. */
  SSLSocketFactory deviceTls() throws Exception {
    return null;
  }

  /** Stops what {@link #startHub} started besides the hub. */
  void stopBroker() throws Exception {}

  @BeforeEach
  void start() throws Exception {
    hub = startHub(dir);
  }

  @AfterEach
  void stop() throws Exception {
    for (FakeDevice d : devices) {
      d.clearRetained();
      d.close();
    }
    hub.close();
    stopBroker();
  }

  FakeDevice device(String id) throws Exception {
    FakeDevice d = new FakeDevice(hub.brokerUrl(), id, 0, deviceTls());
    devices.add(d);
    return d;
  }

  private boolean known(String id) {
    return hub.api.get("/api/v1/devices/" + id).status() == 200;
  }

  @Test
  void eventsAreStoredOnceAndAcknowledgedWithTheContiguousRun() throws Exception {
    FakeDevice d = device("suite-ev").subscribeAcks();
    d.report(Map.of(), List.of());
    await().until(() -> known("suite-ev"));
    d.event(1, 0);
    d.event(3, 0);
    d.event(1, 0);
    d.event(2, 0);

    await().until(() -> d.lastAck() == 3);
    assertThat(hub.api.get("/api/v1/devices/suite-ev/events").body().path("items").size())
        .isEqualTo(3);
  }

  @Test
  void aDeviceThatSubscribesLateGetsItsDesiredDocumentRetained() throws Exception {
    FakeDevice d = device("suite-desired");
    d.report(Map.of("suite", "yes"), List.of());
    await().until(() -> known("suite-desired"));
    hub.api.put("/api/v1/deployments/suite", Deployments.json("suite", "suite", "yes", "s:1"));

    d.subscribeDesired();

    await().until(() -> d.desired().size() == 1);
    assertThat(d.desired().get(0).retained()).isTrue();
    assertThat(d.desired().get(0).doc().workloads().get(0).spec().image()).isEqualTo("s:1");
    hub.api.delete("/api/v1/deployments/suite");
  }

  @Test
  void aCommandIsAnsweredThroughTheBroker() throws Exception {
    FakeDevice d =
        device("suite-cmd")
            .answerCommands(
                c -> new CommandResponse(1, "suite-cmd", c.id(), "ok", null, List.of("hello")));
    d.online();
    await().until(() -> hub.api.get("/api/v1/devices/suite-cmd").body().path("online").asBoolean());

    Api.Reply logs = hub.api.get("/api/v1/devices/suite-cmd/workloads/web/logs?tail=1");

    assertThat(logs.status()).isEqualTo(200);
    assertThat(logs.body().path("lines").get(0).asText()).isEqualTo("hello");
  }

  @Test
  void aLateLastWillFromAnOldSessionLeavesTheDeviceOnline() throws Exception {
    FakeDevice d = device("suite-will");
    d.presence(Presence.ONLINE, 5);
    await()
        .until(() -> hub.api.get("/api/v1/devices/suite-will").body().path("online").asBoolean());

    d.presence(Presence.OFFLINE, 4); // the will of session 4, delivered late
    d.report(Map.of("after", "will"), List.of());
    await()
        .until(
            () ->
                hub.api
                    .get("/api/v1/devices/suite-will")
                    .body()
                    .path("labels")
                    .path("after")
                    .asText()
                    .equals("will"));
    assertThat(hub.api.get("/api/v1/devices/suite-will").body().path("online").asBoolean())
        .isTrue();

    d.presence(Presence.OFFLINE, 5);
    await()
        .until(() -> !hub.api.get("/api/v1/devices/suite-will").body().path("online").asBoolean());
  }
}
