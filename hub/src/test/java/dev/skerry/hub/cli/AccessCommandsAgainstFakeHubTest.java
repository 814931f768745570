package dev.skerry.hub.cli;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users, tokens, login and the audit trail in skerryctl, against a {@link FakeHub}. */
class AccessCommandsAgainstFakeHubTest {
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
  void createsAUserWithThePasswordFromStandardInputAndNeverPrintsIt() throws Exception {
    hub.on(POST, "/api/v1/users", 201, "{\"name\":\"ana\",\"role\":\"operator\"}");

    Cli.Result r =
        cli.stdin("a long secret pass\n")
            .run("create", "user", "ana", "--role", "operator", "--password-stdin");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("user/ana created (operator)\n");
    assertThat(r.out() + r.err()).doesNotContain("a long secret pass");
    assertThat(Json.JSON.readTree(hub.changes().get(0).body()))
        .isEqualTo(
            Fixtures.json(
                "{\"name\":\"ana\",\"role\":\"operator\",\"password\":\"a long secret pass\"}"));
  }

  @Test
  void refusesAPasswordWithoutATerminalOrStandardInput() {
    Cli.Result r = cli.run("create", "user", "ana", "--role", "operator");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--password-stdin");
    assertThat(hub.changes()).isEmpty();
  }

  @Test
  void printsANewTokensSecretAloneOnStandardOutput() {
    hub.on(POST, "/api/v1/tokens", 201, "{\"id\":\"ab12\",\"name\":\"ci\",\"token\":\"skt_x\"}");

    Cli.Result r = cli.run("create", "token", "ci");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("skt_x\n");
    assertThat(r.err()).contains("ab12").contains("never");
  }

  @Test
  void listsAndDeletesTokens() {
    hub.on(
            GET,
            "/api/v1/tokens",
            200,
            "{\"items\":[{\"id\":\"ab12\",\"name\":\"ci\",\"createdAt\":\"2026-12-01T00:00:00Z\"}]}")
        .on(DELETE, "/api/v1/tokens/ab12", 200, "{}");

    Cli.Result list = cli.run("get", "tokens");
    Cli.Result deleted = cli.run("delete", "token", "ab12");

    assertThat(list.out()).contains("ID", "ab12", "ci", "never");
    assertThat(deleted.out()).isEqualTo("token/ab12 deleted\n");
  }

  @Test
  void logsInAndPrintsTheSessionToken() {
    hub.on(
        POST,
        "/api/v1/login",
        200,
        "{\"token\":\"skt_s\",\"expiresAt\":\"2026-12-04T12:00:00Z\",\"user\":\"ana\",\"role\":\"viewer\"}");

    Cli.Result r = cli.stdin("a long secret pass\n").run("login", "ana", "--password-stdin");

    assertThat(r.out()).isEqualTo("skt_s\n");
    assertThat(r.err()).contains("ana (viewer)");
  }

  @Test
  void showsTheAuditTrailFollowingItsPages() {
    hub.onSequence(
        GET,
        "/api/v1/audit",
        200,
        "{\"items\":[{\"id\":1,\"at\":\"2026-12-04T00:00:00Z\",\"actor\":\"ana\","
            + "\"credential\":\"token:ci\",\"action\":\"deployment.apply\","
            + "\"object\":\"deployment/web\",\"revision\":3,\"address\":\"10.0.0.1\"}],"
            + "\"next\":\"1\"}",
        "{\"items\":[{\"id\":2,\"at\":\"2026-12-04T00:01:00Z\",\"actor\":\"admin-token\","
            + "\"credential\":\"admin-token\",\"action\":\"user.delete\",\"object\":\"user/bo\"}]}");

    Cli.Result r = cli.run("audit");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("ana (token:ci)", "deployment.apply", "deployment/web", "3", "10.0.0.1")
        .contains("admin-token", "user.delete", "user/bo");
    assertThat(hub.requests())
        .extracting(FakeHub.Request::query)
        .containsExactly("limit=500", "limit=499&cursor=1");
  }
}
