package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.wire.Command;
import dev.skerry.core.wire.CommandResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart and logs through the hub's REST API, answered by a device over MQTT 5. */
class CommandsIT {
  @TempDir Path dir;

  @Test
  void restartsAWorkloadAndTailsItsLogThroughTheDevice() throws Exception {
    List<Command> seen = new CopyOnWriteArrayList<>();
    try (TestHub hub = TestHub.embedded(dir);
        FakeDevice device = new FakeDevice(hub.brokerUrl(), "cmd-1")) {
      device.answerCommands(
          c -> {
            seen.add(c);
            return switch (c.name()) {
              case Command.LOGS ->
                  new CommandResponse(1, "cmd-1", c.id(), "ok", null, List.of("a", "b"));
              default ->
                  c.workload().equals("web")
                      ? new CommandResponse(1, "cmd-1", c.id(), "ok", "restarted web.r1", null)
                      : new CommandResponse(1, "cmd-1", c.id(), "not_found", "no such", null);
            };
          });
      device.online();
      await().until(() -> hub.api.get("/api/v1/devices/cmd-1").body().path("online").asBoolean());

      Api.Reply logs = hub.api.get("/api/v1/devices/cmd-1/workloads/web/logs?tail=2");
      assertThat(logs.status()).isEqualTo(200);
      assertThat(logs.body().path("lines").toString()).isEqualTo("[\"a\",\"b\"]");
      assertThat(seen.get(0).tail()).isEqualTo(2);

      Api.Reply restart = hub.api.post("/api/v1/devices/cmd-1/workloads/web/restart", "");
      assertThat(restart.status()).isEqualTo(200);
      assertThat(restart.body().path("message").asText()).isEqualTo("restarted web.r1");

      Api.Reply missing = hub.api.post("/api/v1/devices/cmd-1/workloads/db/restart", "");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.errorCode()).isEqualTo("not_found");

      assertThat(hub.api.get("/api/v1/devices/cmd-1/workloads/web/logs?tail=0").status())
          .isEqualTo(400);
      device.clearRetained();
    }
  }

  @Test
  void aDeviceThatDoesNotAnswerGivesA504AndAnUnknownOrOfflineOneFailsAtOnce() throws Exception {
    try (TestHub hub = TestHub.embedded(dir);
        FakeDevice device = new FakeDevice(hub.brokerUrl(), "cmd-2")) {
      device.online();
      await().until(() -> hub.api.get("/api/v1/devices/cmd-2").body().path("online").asBoolean());

      long start = System.nanoTime();
      Api.Reply silent = hub.api.post("/api/v1/devices/cmd-2/workloads/web/restart", "");
      assertThat(silent.status()).isEqualTo(504);
      assertThat(silent.errorCode()).isEqualTo("device_timeout");
      assertThat(System.nanoTime() - start).isGreaterThan(9_000_000_000L);

      assertThat(hub.api.post("/api/v1/devices/nobody/workloads/web/restart", "").status())
          .isEqualTo(404);
      device.report(Map.of(), List.of());
      device.clearRetained();
    }
  }
}
