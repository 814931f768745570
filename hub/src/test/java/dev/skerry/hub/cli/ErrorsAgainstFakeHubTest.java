package dev.skerry.hub.cli;

import static io.vertx.core.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures and their exit codes, against a unit-level {@link FakeHub} (or no hub at all). */
class ErrorsAgainstFakeHubTest {
  @TempDir Path dir;
  private FakeHub hub;

  @BeforeEach
  void start() throws Exception {
    hub = new FakeHub();
    hub.on(GET, "/api/v1/devices", 200, "{\"items\":[]}");
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void withoutATokenSays401AndHowToGiveOne() {
    Cli.Result r = new Cli(hub.url()).run("get", "devices");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "error: missing or invalid bearer token\nhint: no token was given: pass --token");
    assertThat(hub.requests().get(0).authorization()).isNull();
  }

  @Test
  void withAWrongTokenNamesWhereItCameFrom() {
    Cli.Result r = new Cli(hub.url()).run("get", "devices", "--token", "wrong");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).endsWith("hint: the hub rejected the token from --token\n");
  }

  @Test
  void readsHubAndTokenFromTheConfigFile() throws IOException {
    Path config = dir.resolve("skerry/config.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(dir.resolve("skerry/admin.token"), FakeHub.TOKEN + "\n");
    Files.writeString(config, "hub: " + hub.url() + "\ntoken-file: admin.token\n");

    Cli.Result r =
        new Cli("ignored")
            .env("XDG_CONFIG_HOME", dir.toString())
            .env("SKERRY_HUB_URL", "")
            .run("get", "devices");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEqualTo("No devices found.\n");
  }

  @Test
  void reportsA400WithEveryDetail() {
    hub.on(GET, "/api/v1/devices/x", 400, FakeHub.error("bad_request", "bad id", "one", "two"));

    Cli.Result r = new Cli(hub.url()).env("SKERRY_TOKEN", FakeHub.TOKEN).run("get", "device", "x");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: bad id\n  - one\n  - two\n");
  }

  @Test
  void reportsAServerErrorWithoutTheContractShape() {
    hub.on(GET, "/api/v1/deployments", 503, "upstream down");

    Cli.Result r = new Cli(hub.url()).env("SKERRY_TOKEN", FakeHub.TOKEN).run("get", "deployments");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: the hub answered HTTP 503: upstream down\n");
  }

  @Test
  void reportsASuccessThatIsNotJson() {
    hub.on(GET, "/api/v1/deployments", 200, "<html>console</html>");

    Cli.Result r = new Cli(hub.url()).env("SKERRY_TOKEN", FakeHub.TOKEN).run("get", "deployments");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("answered 200 with something other than JSON");
  }

  @Test
  void exits3NamingTheUrlWhenNothingListens() throws IOException {
    String url;
    try (ServerSocket s = new ServerSocket(0)) {
      url = "http://127.0.0.1:" + s.getLocalPort();
    }

    Cli.Result r = new Cli(url).run("get", "devices");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: cannot connect to the hub at "
                + url
                + " (from SKERRY_HUB_URL): connection refused\n"
                + "hint: is the hub running there? point skerryctl at it with --hub URL or"
                + " SKERRY_HUB_URL\n");
  }
}
