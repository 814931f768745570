package dev.skerry.hub.cli;

import static io.vertx.core.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code get} and {@code describe} through the main entry against a unit-level {@link FakeHub}. */
class GetAgainstFakeHubTest {
  private FakeHub hub;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    hub = new FakeHub();
    cli = new Cli(hub.url()).env("SKERRY_TOKEN", FakeHub.TOKEN);
    hub.on(
            GET,
            "/api/v1/devices",
            200,
            "{\"items\":[" + Fixtures.PI_01 + "," + Fixtures.PI_02 + "]}")
        .on(GET, "/api/v1/devices/pi-01", 200, Fixtures.PI_01)
        .on(
            GET,
            "/api/v1/deployments",
            200,
            "{\"items\":[" + Fixtures.WEB + "," + Fixtures.DB + "]}")
        .on(GET, "/api/v1/deployments/web", 200, Fixtures.WEB);
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void listsDevicesAsATableSendingTheToken() {
    Cli.Result r = cli.run("get", "devices");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("ID      ONLINE   LABELS")
        .contains("\npi-01   yes      site=berlin,tier=edge   7         6         1/2         5s\n")
        .contains("\npi-02   no ");
    assertThat(hub.requests())
        .singleElement()
        .satisfies(
            req -> {
              assertThat(req.path()).isEqualTo("/api/v1/devices");
              assertThat(req.authorization()).isEqualTo("Bearer " + FakeHub.TOKEN);
            });
  }

  @Test
  void sendsTheSelectorAndFiltersAgainWhenTheHubIgnoresIt() {
    Cli.Result r = cli.run("get", "devices", "-l", "site=berlin,!gpu");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("pi-01").doesNotContain("pi-02");
    assertThat(hub.requests().get(0).query()).isEqualTo("labelSelector=site%3Dberlin%2C%21gpu");
  }

  @Test
  void saysSoOnStderrWhenNothingMatches() {
    Cli.Result r = cli.run("get", "devices", "-l", "site=rome");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("No devices found.\n");
  }

  @Test
  void printsTheFilteredListAsJsonItems() throws Exception {
    Cli.Result r = cli.run("get", "devices", "-l", "site=paris", "-o", "json");

    assertThat(r.code()).as(r.err()).isZero();
    var items = Json.JSON.readTree(r.out()).path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("id").asText()).isEqualTo("pi-02");
  }

  @Test
  void printsOneDeploymentAsYaml() throws Exception {
    Cli.Result r = cli.run("get", "deployment", "web", "-o", "yaml");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("name: web\nrevision: 3\n");
    assertThat(Json.yamlMapper().readTree(r.out())).isEqualTo(Fixtures.json(Fixtures.WEB));
  }

  @Test
  void listsDeploymentsWideAsATable() {
    Cli.Result r = cli.run("get", "deploy", "-o", "wide");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(3);
    assertThat(r.out()).contains("web    3          site=berlin   1           progressing 3/10");
  }

  @Test
  void describesADeviceAndADeployment() {
    Cli.Result device = cli.run("describe", "device", "pi-01");
    Cli.Result deployment = cli.run("describe", "deployment", "web");

    assertThat(device.code()).isZero();
    assertThat(device.out())
        .isEqualTo(DeviceDescriber.describe(Fixtures.device(Fixtures.PI_01), Cli.NOW));
    assertThat(deployment.out())
        .isEqualTo(DeploymentDescriber.describe(Fixtures.deployment(Fixtures.WEB)));
  }

  @Test
  void reportsAMissingDeviceWithTheHubsMessageAndExitCode1() {
    Cli.Result r = cli.run("describe", "device", "pi-99");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("error: /api/v1/devices/pi-99 not found\n");
  }

  @Test
  void encodesNamesInThePath() {
    cli.run("get", "device", "a b/c");

    assertThat(hub.requests().get(0).path()).isEqualTo("/api/v1/devices/a%20b%2Fc");
  }
}
