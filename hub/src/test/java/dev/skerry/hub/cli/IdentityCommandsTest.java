package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code create join-token}, {@code revoke device} and {@code approve renewal} against a canned JDK
 * HTTP server: method, path, body and what skerryctl prints, including the hub's 4xx.
 */
class IdentityCommandsTest {
  private static final String TOKEN_ANSWER =
      "{\"token\":\"skerry1.abc.def\",\"expiresAt\":\"2026-11-27T13:00:00Z\"}";

  private JdkHttpHub hub;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    hub = new JdkHttpHub();
    cli = new Cli(hub.url()).env("SKERRY_TOKEN", FakeHub.TOKEN);
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void createsAJoinTokenPrintingTheTokenAloneAndTheExpiryOnStderr() throws Exception {
    hub.on("POST", "/api/v1/join-tokens", 200, TOKEN_ANSWER);

    Cli.Result r =
        cli.run(
            "create",
            "join-token",
            "--ttl",
            "1h30m",
            "--labels",
            "site=berlin,tier=edge",
            "--device-id",
            "pi-01",
            "--uses",
            "3");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("skerry1.abc.def\n");
    assertThat(r.err()).isEqualTo("expires at 2026-11-27T13:00:00Z\n");
    JdkHttpHub.Request req = hub.requests().get(0);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.path()).isEqualTo("/api/v1/join-tokens");
    assertThat(req.authorization()).isEqualTo("Bearer " + FakeHub.TOKEN);
    assertThat(req.contentType()).isEqualTo("application/json");
    assertThat(Json.JSON.readTree(req.body()))
        .isEqualTo(
            Fixtures.json(
                """
                {"ttlSeconds":5400,"labels":{"site":"berlin","tier":"edge"},
                 "deviceId":"pi-01","uses":3}"""));
  }

  @Test
  void leavesWhatIsNotGivenToTheHubsDefaults() throws Exception {
    hub.on("POST", "/api/v1/join-tokens", 200, TOKEN_ANSWER);

    Cli.Result r = cli.run("create", "join-token");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(hub.requests().get(0).body()).isEqualTo("{}");
  }

  @Test
  void printsTheHubsWholeAnswerAsJson() throws Exception {
    hub.on("POST", "/api/v1/join-tokens", 200, TOKEN_ANSWER);

    Cli.Result r = cli.run("create", "join-token", "-o", "json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Json.JSON.readTree(r.out())).isEqualTo(Fixtures.json(TOKEN_ANSWER));
    assertThat(r.err()).isEmpty();
  }

  @Test
  void reportsTheHubsRefusalWithItsDetails() {
    hub.on(
        "POST",
        "/api/v1/join-tokens",
        400,
        FakeHub.error("invalid", "join token is invalid", "ttlSeconds: at most 2592000"));

    Cli.Result r = cli.run("create", "join-token", "--ttl", "31d");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("error: join token is invalid\n  - ttlSeconds: at most 2592000\n");
  }

  @Test
  void refusesABadTtlLabelsOrUsesBeforeContactingTheHub() {
    assertThat(cli.run("create", "join-token", "--ttl", "1 hour").err())
        .startsWith("error: invalid --ttl '1 hour'\n");
    assertThat(cli.run("create", "join-token", "--ttl", "0s").code()).isEqualTo(2);
    assertThat(cli.run("create", "join-token", "--labels", "site").err())
        .startsWith("error: invalid label 'site' in --labels\n");
    assertThat(cli.run("create", "join-token", "--uses", "0").code()).isEqualTo(2);
    assertThat(cli.run("create", "join-token", "--uses", "many").code()).isEqualTo(2);
    assertThat(cli.run("create", "join-token", "-o", "wide").code()).isEqualTo(2);
    assertThat(cli.run("create").code()).isEqualTo(2);
    // 'create token' is a personal API token now (issue 13); an unknown word is still refused.
    assertThat(cli.run("create", "gadget").err())
        .startsWith("error: unknown resource type 'gadget' for create\n");
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void readsDurationsInEveryUnitAndTheirSums() {
    assertThat(JoinTokenCommand.seconds("90s")).isEqualTo(90);
    assertThat(JoinTokenCommand.seconds("30m")).isEqualTo(1800);
    assertThat(JoinTokenCommand.seconds("7d")).isEqualTo(604_800);
    assertThat(JoinTokenCommand.seconds("1h30m")).isEqualTo(5400);
  }

  @Test
  void revokesADevice() {
    hub.on("POST", "/api/v1/devices/pi-01/revoke", 200, "{\"id\":\"pi-01\",\"revoked\":true}");

    Cli.Result r = cli.run("revoke", "device", "pi-01");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("device/pi-01 revoked\n");
    assertThat(hub.requests())
        .singleElement()
        .satisfies(
            req -> {
              assertThat(req.method()).isEqualTo("POST");
              assertThat(req.path()).isEqualTo("/api/v1/devices/pi-01/revoke");
              assertThat(req.body()).isEmpty();
            });
  }

  @Test
  void reportsRevokingAnUnknownDeviceWithTheHubsMessage() {
    Cli.Result r = cli.run("revoke", "device", "ghost");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: /api/v1/devices/ghost/revoke not found\n");
  }

  @Test
  void approvesAPendingRenewal() {
    hub.on(
        "POST",
        "/api/v1/renewals/pi%2F1/approve",
        200,
        "{\"deviceId\":\"pi/1\",\"status\":\"approved\",\"expiresAt\":\"2027-03-01T00:00:00Z\"}");

    Cli.Result r = cli.run("approve", "renewal", "pi/1");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("device/pi/1 renewal approved\n");
    assertThat(r.err()).isEqualTo("new certificate valid until 2027-03-01T00:00:00Z\n");
    assertThat(hub.requests().get(0).method()).isEqualTo("POST");
  }

  @Test
  void listsPendingRenewalsAsATable() {
    hub.on(
        "GET",
        "/api/v1/renewals",
        200,
        "{\"items\":[{\"deviceId\":\"pi-01\",\"status\":\"pending\","
            + "\"requestedAt\":\"2020-01-01T00:00:00Z\",\"oldSerial\":\"1f\",\"keyId\":\"k1\"}]}");

    Cli.Result r = cli.run("get", "renewals");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().toList().get(0)).isEqualTo("DEVICE   REQUESTED   OLD-SERIAL   KEY");
    assertThat(r.out().lines().toList().get(1)).startsWith("pi-01    ").endsWith("1f           k1");
  }

  @Test
  void saysSoWhenNoRenewalIsPending() {
    hub.on("GET", "/api/v1/renewals", 200, "{\"items\":[]}");

    Cli.Result r = cli.run("get", "renewals");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("No pending renewals found.\n");
  }

  @Test
  void reportsARenewalTheHubDoesNotHold() {
    hub.on(
        "POST",
        "/api/v1/renewals/pi-01/approve",
        404,
        FakeHub.error("not_found", "device 'pi-01' has no pending renewal"));

    Cli.Result r = cli.run("approve", "renewal", "pi-01");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: device 'pi-01' has no pending renewal\n");
  }

  @Test
  void refusesMalformedRevokeAndApproveLines() {
    assertThat(cli.run("revoke", "deployment", "web").err())
        .startsWith("error: only devices can be revoked\n");
    assertThat(cli.run("revoke", "device").code()).isEqualTo(2);
    assertThat(cli.run("approve", "device", "pi-01").err())
        .startsWith("error: unknown resource type 'device' for approve\n");
    assertThat(cli.run("approve", "renewal").code()).isEqualTo(2);
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void printsABashCompletionScriptKnowingTheCommands() {
    Cli.Result r = cli.run("completion", "bash");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_skerryctl")
        .contains("join-token")
        .contains("--selector")
        .contains("(\"status\" \"pause\" \"resume\" \"undo\")");
    assertThat(cli.run("completion", "fish").code()).isEqualTo(2);
  }
}
