package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * skerryctl against the real hub: starts {@code target/skerry-hub.jar} as a process (embedded
 * broker, SQLite in a temporary directory) and drives the CLI's main entry at it. An early exit, or
 * no healthy {@code /healthz} within a minute, fails them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SkerryctlAgainstHubIT {
  private static final String DEPLOYMENT =
      """
      name: skerryctl-it
      selector:
        matchLabels:
          skerryctl-it: "yes"
      workloads:
        - name: web
          image: registry.example:5000/app:1.2
          restartPolicy: always
      """;

  @TempDir static Path dir;
  private static Process hub;
  private static String url;
  private static Cli cli;

  @BeforeAll
  static void startHub() throws Exception {
    Path jar = Path.of("target", "skerry-hub.jar");
    assertThat(jar).as("run by failsafe after package").exists();
    int httpPort = freePort();
    url = "http://127.0.0.1:" + httpPort;
    Path log = dir.resolve("hub.log");
    hub =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--http-host",
                "127.0.0.1",
                "--http-port",
                Integer.toString(httpPort),
                "--embedded-mqtt-port",
                Integer.toString(freePort()),
                "--https-port",
                "0",
                "--embedded-mqtts-port",
                Integer.toString(freePort()),
                "--data-dir",
                dir.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    await().atMost(Duration.ofSeconds(60)).until(() -> !hub.isAlive() || healthy());
    if (!hub.isAlive()) {
      throw new AssertionError(
          "the hub exited with " + hub.exitValue() + ":\n" + Files.readString(log));
    }
    String token = Files.readString(dir.resolve("data").resolve("admin.token")).strip();
    cli = new Cli(url).env("SKERRY_TOKEN", token);
  }

  @AfterAll
  static void stopHub() throws InterruptedException {
    if (hub != null && hub.isAlive()) {
      hub.destroy();
      if (!hub.waitFor(20, TimeUnit.SECONDS)) {
        hub.destroyForcibly();
      }
    }
  }

  @Test
  @Order(1)
  void appliesADeploymentThenFindsItUnchanged() {
    Cli.Result first = cli.stdin(DEPLOYMENT).run("apply", "-f", "-");
    Cli.Result second = cli.stdin(DEPLOYMENT).run("apply", "-f", "-");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).matches("deployment/skerryctl-it configured \\(revision \\d+\\)\n");
    assertThat(second.out()).matches("deployment/skerryctl-it unchanged \\(revision \\d+\\)\n");
  }

  @Test
  @Order(2)
  void listsDescribesAndShowsTheRolloutOfTheDeployment() {
    Cli.Result list = cli.run("get", "deployments");
    Cli.Result describe = cli.run("describe", "deployment", "skerryctl-it");
    Cli.Result status = cli.run("rollout", "status", "skerryctl-it");

    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).startsWith("NAME").contains("skerryctl-it");
    assertThat(describe.out())
        .contains("Selector:  skerryctl-it=yes")
        .containsPattern("Image:\\s+registry.example:5000/app:1.2");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out())
        .containsPattern("State:\\s+complete")
        .contains("no device is targeted");
  }

  @Test
  @Order(2)
  void refusesRolloutActionsTheRolloutStateDoesNotAllow() {
    Cli.Result pause = cli.run("rollout", "pause", "skerryctl-it");
    Cli.Result undo = cli.run("rollout", "undo", "skerryctl-it");

    assertThat(pause.code()).isEqualTo(1);
    assertThat(pause.err()).contains("the rollout is complete, not progressing");
    assertThat(undo.code()).isEqualTo(1);
    assertThat(undo.err()).contains("has no earlier revision to roll back to");
  }

  @Test
  @Order(3)
  void listsDevicesOfAnEmptyFleet() {
    Cli.Result r = cli.run("get", "devices", "-l", "skerryctl-it=yes");

    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  @Order(4)
  void reportsUnknownDevicesAndBadTokensWithExitCode1() {
    Cli.Result missing = cli.run("describe", "device", "no-such-device");
    Cli.Result badToken = cli.run("get", "deployments", "--token", "wrong");

    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: ");
    assertThat(badToken.code()).isEqualTo(1);
    assertThat(badToken.err()).contains("hint: the hub rejected the token from --token");
  }

  @Test
  @Order(5)
  void deletesTheDeployment() {
    Cli.Result delete = cli.run("delete", "deployment", "skerryctl-it");
    Cli.Result get = cli.run("get", "deployment", "skerryctl-it");

    assertThat(delete.code()).as(delete.err()).isZero();
    assertThat(get.code()).isEqualTo(1);
  }

  private static boolean healthy() {
    try {
      var req = HttpRequest.newBuilder(URI.create(url + "/healthz")).build();
      return HttpClient.newHttpClient().send(req, BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
