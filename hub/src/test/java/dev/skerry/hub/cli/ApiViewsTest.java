package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.labels.LabelExpression;
import dev.skerry.core.labels.Selector;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadStatus;
import dev.skerry.hub.api.DeploymentView;
import dev.skerry.hub.api.DeviceView;
import dev.skerry.hub.deploy.Conflict;
import dev.skerry.hub.rollout.RolloutView;
import dev.skerry.hub.store.DeviceEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** skerryctl reads back exactly what the hub's API writes, with the API's own records. */
class ApiViewsTest {
  private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

  /** As the API sends a body: the shared wire mapper (ISO-8601 instants). */
  private static JsonNode written(Object view) throws Exception {
    return Json.JSON.readTree(WireJson.mapper().writeValueAsString(view));
  }

  @Test
  void readsBackEveryFieldOfADeviceView() throws Exception {
    DeviceView view =
        new DeviceView(
            "pi-01",
            Map.of("site", "berlin", "arch", "arm64"),
            Map.of("arch", "arm64"),
            Map.of("site", "berlin"),
            true,
            true,
            T,
            "0.1.0",
            7,
            6,
            List.of(
                new WorkloadStatus(
                    "web",
                    "web",
                    7,
                    "reg/web:1",
                    "sha256:a",
                    "running",
                    2,
                    "healthy",
                    null,
                    "",
                    true,
                    5L)));

    assertThat(ApiViews.device(written(view))).isEqualTo(view);
  }

  @Test
  void readsBackEveryFieldOfADeploymentViewWithItsRollout() throws Exception {
    RolloutView rollout =
        new RolloutView(
            "progressing",
            3,
            2,
            "waves",
            1,
            List.of(10, 100),
            10,
            1,
            1,
            0,
            0,
            null,
            T,
            T,
            List.of(new RolloutView.DeviceStatus("gw-1", "healthy", 1, T, T, null)),
            List.of(new RolloutView.Event(T, 3, "started", "revision 3")));
    DeploymentView view =
        new DeploymentView(
            "web",
            new Selector(
                Map.of("site", "berlin"),
                List.of(new LabelExpression("tier", "In", List.of("edge")))),
            List.of(
                new WorkloadSpec(
                    "web",
                    "reg/web:1",
                    List.of("/bin/web"),
                    List.of("-v"),
                    Map.of("A", "1"),
                    "always",
                    new WorkloadSpec.Resources(64, 0.5),
                    null,
                    null,
                    "host")),
            Json.JSON.readTree("{\"type\":\"waves\",\"waves\":[10,100]}"),
            3,
            "sha256:h",
            T,
            T,
            List.of(new Conflict("pi-07", "web", "legacy", "web")),
            rollout);

    assertThat(ApiViews.deployment(written(view))).isEqualTo(view);
  }

  @Test
  void readsBackTheEventsAnswer() throws Exception {
    DeviceEvent event = new DeviceEvent("pi-01", 4, T, null, "error", "v=2", T);

    assertThat(ApiViews.events(written(Map.of("items", List.of(event))))).containsExactly(event);
  }

  @Test
  void saysSoWhenAnAnswerIsNotTheViewItShouldBe() {
    assertThatThrownBy(() -> ApiViews.device(Fixtures.json("{\"online\":\"maybe\"}")))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.API_ERROR))
        .hasMessageStartingWith("the hub's answer is not a device as this skerryctl reads it");
  }
}
