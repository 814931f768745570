package dev.skerry.hub.cli;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apply} through the main entry against a unit-level {@link FakeHub}. */
class ApplyAgainstFakeHubTest {
  private static final String TWO_DOCS =
      """
      name: web
      workloads: [{name: web, image: "reg:5000/web:1.3"}]
      ---
      name: db
      workloads: [{name: db, image: "reg:5000/db:3"}]
      """;

  @TempDir Path dir;
  private FakeHub hub;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    hub = new FakeHub();
    cli = new Cli(hub.url()).env("SKERRY_TOKEN", FakeHub.TOKEN);
    // web exists at revision 3 and changes to 4; db exists at 1 and stays; new is new.
    hub.on(GET, "/api/v1/deployments/web", 200, Fixtures.WEB)
        .on(PUT, "/api/v1/deployments/web", 200, "{\"name\":\"web\",\"revision\":4}")
        .on(GET, "/api/v1/deployments/db", 200, Fixtures.DB)
        .on(PUT, "/api/v1/deployments/db", 200, "{\"name\":\"db\",\"revision\":1}")
        .on(PUT, "/api/v1/deployments/new", 200, "{\"name\":\"new\",\"revision\":1}");
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void putsEachYamlDocumentAndSaysWhetherItsRevisionChanged() throws Exception {
    Files.writeString(dir.resolve("all.yaml"), TWO_DOCS);

    Cli.Result r = cli.run("apply", "-f", dir.resolve("all.yaml").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "deployment/web configured (revision 4)\ndeployment/db unchanged (revision 1)\n");
    assertThat(hub.changes()).hasSize(2);
    assertThat(hub.changes().get(0).contentType()).isEqualTo("application/yaml");
    assertThat(hub.changes().get(0).body()).startsWith("name: web\n");
    assertThat(hub.changes().get(1).body()).startsWith("name: db\n");
  }

  @Test
  void callsANewDeploymentConfiguredAndReadsJsonFromStdin() {
    Cli.Result r = cli.stdin("{\"name\":\"new\",\"workloads\":[]}").run("apply", "-f", "-");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("deployment/new configured (revision 1)\n");
    assertThat(hub.changes())
        .singleElement()
        .satisfies(
            req -> {
              assertThat(req.path()).isEqualTo("/api/v1/deployments/new");
              assertThat(req.contentType()).isEqualTo("application/json");
              assertThat(req.body()).isEqualTo("{\"name\":\"new\",\"workloads\":[]}");
            });
  }

  @Test
  void reportsARejectedDeploymentWithDetailsAndAppliesTheRest() {
    hub.on(
        PUT,
        "/api/v1/deployments/bad",
        400,
        FakeHub.error("invalid", "deployment bad is invalid", "workloads[0].image is empty"));
    String yaml = "name: bad\nworkloads: [{name: x}]\n---\nname: web\n";

    Cli.Result r = cli.stdin(yaml).run("apply", "-f", "-");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("deployment/web configured (revision 4)\n");
    assertThat(r.err())
        .isEqualTo(
            "error: deployment/bad (stdin document 1): deployment bad is invalid\n"
                + "  - workloads[0].image is empty\n");
  }

  @Test
  void sendsNothingWhenAnyDocumentIsMalformed() {
    Cli.Result r = cli.stdin("name: web\n---\nworkloads: []\n").run("apply", "-f", "-");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: stdin document 2 has no \"name\"\n");
    assertThat(hub.requests()).isEmpty();
  }
}
