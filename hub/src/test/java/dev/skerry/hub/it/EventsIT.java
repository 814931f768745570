package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.wire.Topics;
import dev.skerry.hub.mqtt.InboundMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device events through a real hub (embedded broker, SQLite): stored once, acknowledged with the
 * highest contiguous number, listed newest first; refused messages are counted by kind.
 */
class EventsIT {
  @TempDir Path dir;

  private static List<Long> seqs(JsonNode body) {
    List<Long> out = new ArrayList<>();
    body.path("items").forEach(e -> out.add(e.path("seq").asLong()));
    return out;
  }

  @Test
  void storesEachEventOnceAndAcknowledgesTheContiguousRun() throws Exception {
    try (TestHub hub = TestHub.embedded(dir);
        FakeDevice device = new FakeDevice(hub.brokerUrl(), "ev-1")) {
      device.subscribeAcks();
      device.report(Map.of(), List.of());
      await().until(() -> hub.api.get("/api/v1/devices/ev-1").status() == 200);

      device.event(1, 0);
      device.event(2, 0);
      device.event(4, 0);
      device.event(2, 0); // a duplicate, as a replay after a lost ack sends it
      await().until(() -> device.lastAck() == 2);

      device.event(3, 0);
      await().until(() -> device.lastAck() == 4);

      Api.Reply reply = hub.api.get("/api/v1/devices/ev-1/events?limit=10");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(seqs(reply.body())).containsExactly(4L, 3L, 2L, 1L);
      assertThat(reply.body().path("items").get(0).path("kind").asText()).isEqualTo("restart");
      assertThat(seqs(hub.api.get("/api/v1/devices/ev-1/events?limit=2").body()))
          .containsExactly(4L, 3L);
      assertThat(hub.hub.events().duplicateCount()).isEqualTo(1);
      device.clearRetained();
    }
  }

  @Test
  void countsPastEventsTheDeviceDroppedWhenItsOutboxWasFull() throws Exception {
    try (TestHub hub = TestHub.embedded(dir);
        FakeDevice device = new FakeDevice(hub.brokerUrl(), "ev-2")) {
      device.subscribeAcks();
      device.report(Map.of(), List.of());
      await().until(() -> hub.api.get("/api/v1/devices/ev-2").status() == 200);

      device.event(1, 0);
      device.event(7, 6); // 2..6 were dropped on the device
      await().until(() -> device.lastAck() == 7);
      device.clearRetained();
    }
  }

  @Test
  void refusesAnUnknownVersionAndBadEventsAndKeepsWorking() throws Exception {
    try (TestHub hub = TestHub.embedded(dir);
        FakeDevice device = new FakeDevice(hub.brokerUrl(), "ev-3")) {
      device.subscribeAcks();
      device.publishRaw(
          Topics.events("ev-3"),
          "{\"v\":2,\"deviceId\":\"ev-3\",\"seq\":1,\"kind\":\"k\",\"message\":\"m\"}"
              .getBytes(StandardCharsets.UTF_8));
      device.publishRaw(
          Topics.events("ev-3"),
          "{\"v\":1,\"deviceId\":\"ev-3\",\"seq\":0,\"kind\":\"k\",\"message\":\"m\"}"
              .getBytes(StandardCharsets.UTF_8));
      device.publishRaw(Topics.events("ev-3"), "{nope".getBytes(StandardCharsets.UTF_8));
      device.publishRaw(Topics.events("ev-3"), new byte[InboundMessages.MAX_PAYLOAD_BYTES + 1]);

      await()
          .until(
              () ->
                  hub.hub
                      .refusedMessages()
                      .equals(
                          Map.of(
                              InboundMessages.VERSION, 1L,
                              InboundMessages.SCHEMA, 1L,
                              InboundMessages.MALFORMED, 1L,
                              InboundMessages.OVERSIZED, 1L)));

      device.event(1, 0);
      await().until(() -> device.lastAck() == 1);
      device.clearRetained();
    }
  }

  @Test
  void anUnknownDeviceHasNoEventsAndABadLimitIsRefused() throws Exception {
    try (TestHub hub = TestHub.embedded(dir)) {
      assertThat(hub.api.get("/api/v1/devices/nobody/events").status()).isEqualTo(404);
      assertThat(hub.api.get("/api/v1/devices/nobody/events?limit=0").status()).isEqualTo(400);
    }
  }
}
