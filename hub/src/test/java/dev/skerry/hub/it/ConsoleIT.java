package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.wire.WorkloadStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real headless Chromium against a running hub: it signs in with the token,
 * lists devices and deployments with their rollout, and a wrong token brings back the sign-in.
 */
class ConsoleIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir static Path dataDir;
  @TempDir static Path browserDir;
  static TestHub hub;
  static FakeDevice device;
  static String token;

  @BeforeAll
  static void startHubWithADeviceAndADeployment() throws Exception {
    assertThat(CHROMIUM)
        .as("Debian's chromium (dev/testenv.sh installs it) is needed to test the console")
        .exists();
    hub = TestHub.embedded(dataDir);
    token = Files.readString(dataDir.resolve("admin.token")).trim();
    device = new FakeDevice(hub.brokerUrl(), "console-gw-1").subscribeDesired();
    device.online();
    device.report(Map.of("site", "north"), List.of());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> hub.api.get("/api/v1/devices/console-gw-1").status() == 200);
    hub.api.put(
        "/api/v1/deployments/console-web",
        """
        {"name":"console-web","selector":{"matchLabels":{"site":"north"}},
         "workloads":[{"name":"web","image":"reg.example:5000/web:1"}],
         "strategy":{"type":"waves","waves":[50,100],"bakeSeconds":600}}
        """);
    device.report(
        Map.of("site", "north"),
        List.of(
            new WorkloadStatus(
                "web",
                "console-web",
                1,
                "reg.example:5000/web:1",
                null,
                "running",
                0,
                "unknown",
                null,
                null,
                false,
                null)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> hub.api.get("/api/v1/devices/console-gw-1").body().path("workloads").size() == 1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (device != null) {
      device.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  /** The DOM after the page's scripts ran (Chromium's virtual time lets the fetches finish). */
  private static String render(String fragment) throws Exception {
    String url = "http://127.0.0.1:" + hub.hub.httpPort() + "/console/" + fragment;
    Process p =
        new ProcessBuilder(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(browserDir, "profile"),
                "--virtual-time-budget=8000",
                "--dump-dom",
                url)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void theHubServesTheConsoleAtItsRoot() throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<title>Skerry hub</title>");
  }

  @Test
  void theDeploymentsTabShowsTheRolloutAndItsDevices() throws Exception {
    String dom = render("#deployments?token=" + token);

    assertThat(dom)
        .contains("console-web")
        .contains("site=north")
        .contains("state-progressing")
        .contains("wave 1/2")
        .contains("0/1 healthy, 1 updated")
        .contains("1 of 1 devices online");
  }

  @Test
  void theDevicesTabListsDevicesWithTheirWorkloads() throws Exception {
    String dom = render("#devices?token=" + token);

    assertThat(dom).contains("console-gw-1").contains("state-online").contains("web r1");
  }

  @Test
  void aWrongTokenShowsTheSignInAgain() throws Exception {
    String dom = render("#deployments?token=wrong");

    assertThat(dom).contains("The hub refused the token.");
  }
}
