package dev.skerry.hub.cli;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code delete}, {@code label} and {@code rollout} against a unit-level {@link FakeHub}. */
class WriteCommandsAgainstFakeHubTest {
  private FakeHub hub;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    hub = new FakeHub();
    cli = new Cli(hub.url()).env("SKERRY_TOKEN", FakeHub.TOKEN);
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void deletesEachNamedDeployment() {
    hub.on(DELETE, "/api/v1/deployments/web", 204, "")
        .on(DELETE, "/api/v1/deployments/db", 200, "{}");

    Cli.Result r = cli.run("delete", "deployment", "web", "db");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("deployment/web deleted\ndeployment/db deleted\n");
    assertThat(hub.changes())
        .extracting(FakeHub.Request::path)
        .containsExactly("/api/v1/deployments/web", "/api/v1/deployments/db");
  }

  @Test
  void mergesLabelChangesIntoTheDevicesLabels() throws Exception {
    hub.on(GET, "/api/v1/devices/pi-01", 200, Fixtures.PI_01)
        .on(PUT, "/api/v1/devices/pi-01/labels", 200, Fixtures.PI_01);

    Cli.Result r = cli.run("label", "device", "pi-01", "tier-", "gpu=yes", "site=rome");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("device/pi-01 labeled\n");
    FakeHub.Request put = hub.changes().get(0);
    assertThat(put.contentType()).isEqualTo("application/json");
    assertThat(Json.JSON.readTree(put.body()))
        .isEqualTo(Fixtures.json("{\"site\":\"rome\",\"gpu\":\"yes\"}"));
  }

  @Test
  void labelsStartFromOperatorLabelsWhenTheHubKeepsThemApart() throws Exception {
    String device =
        "{\"id\":\"d\",\"labels\":{\"arch\":\"arm64\",\"site\":\"x\"},\"operatorLabels\":{\"site\":\"x\"}}";
    hub.on(GET, "/api/v1/devices/d", 200, device).on(PUT, "/api/v1/devices/d/labels", 200, device);

    cli.run("label", "device", "d", "tier=edge");

    assertThat(Json.JSON.readTree(hub.changes().get(0).body()))
        .isEqualTo(Fixtures.json("{\"site\":\"x\",\"tier\":\"edge\"}"));
  }

  @Test
  void printsTheRolloutObject() {
    hub.on(GET, "/api/v1/deployments/web", 200, Fixtures.WEB);

    Cli.Result r = cli.run("rollout", "status", "web");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            deployment/web (revision 3)
            State:           progressing
            Targeted:        10
            Updated:         3
            Healthy:         3
            Failed:          0
            Revision:        3
            StableRevision:  2
            Type:            waves
            Wave:            2
            Waves:           10, 50, 100
            Pending:         0
            StartedAt:       2026-11-27T10:00:00Z
            UpdatedAt:       2026-11-27T10:00:41Z
            """);
  }

  @Test
  void printsTheRolloutObjectAsJsonOrSaysThereIsNone() throws Exception {
    hub.on(GET, "/api/v1/deployments/web", 200, Fixtures.WEB)
        .on(GET, "/api/v1/deployments/db", 200, Fixtures.DB);

    Cli.Result json = cli.run("rollout", "status", "web", "-o", "json");
    Cli.Result none = cli.run("rollout", "status", "db");

    assertThat(Json.JSON.readTree(json.out()))
        .isEqualTo(Fixtures.json(Fixtures.WEB).get("rollout"));
    assertThat(none.out()).isEqualTo("deployment/db (revision 1) has no rollout\n");
  }

  @Test
  void postsPauseResumeAndRollback() {
    hub.on(POST, "/api/v1/deployments/web/pause", 200, "{}")
        .on(POST, "/api/v1/deployments/web/resume", 204, "")
        .on(POST, "/api/v1/deployments/web/rollback", 200, "{\"name\":\"web\",\"revision\":5}");

    assertThat(cli.run("rollout", "pause", "web").out()).isEqualTo("deployment/web paused\n");
    assertThat(cli.run("rollout", "resume", "web").out()).isEqualTo("deployment/web resumed\n");
    assertThat(cli.run("rollout", "undo", "web").out())
        .isEqualTo("deployment/web rolled back (revision 5)\n");
    assertThat(hub.changes())
        .extracting(FakeHub.Request::path)
        .containsExactly(
            "/api/v1/deployments/web/pause",
            "/api/v1/deployments/web/resume",
            "/api/v1/deployments/web/rollback");
  }
}
