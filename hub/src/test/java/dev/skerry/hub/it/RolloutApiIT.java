package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.wire.WorkloadStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout API on a running hub with MQTT devices that report what they run: a canary wave,
 * pause and resume, rollback, the errors for states that forbid an action, who applied each
 * revision, and the rollout counters on /metrics. The rollout logic itself is covered by unit
 * tests; the five-agent end-to-end test is e2e/RolloutEndToEndIT.
 */
class RolloutApiIT {
  @TempDir Path dataDir;
  private TestHub hub;
  private final List<FakeDevice> devices = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (FakeDevice d : devices) {
      d.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  private static final Map<String, String> LABELS = Map.of("app", "shop");

  private static String deployment(String image, String strategy) {
    return """
        {"name":"shop","selector":{"matchLabels":{"app":"shop"}},
         "workloads":[{"name":"web","image":"%s"}]%s}
        """
        .formatted(image, strategy == null ? "" : ",\"strategy\":" + strategy);
  }

  private static WorkloadStatus running(long revision) {
    return new WorkloadStatus(
        "web", "shop", revision, "img", null, "running", 0, "unknown", null, null, true, null);
  }

  private void fleet(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      FakeDevice d = new FakeDevice(hub.brokerUrl(), "shop-" + i).subscribeDesired();
      d.online();
      d.report(LABELS, List.of());
      devices.add(d);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hub.api.get("/api/v1/devices").body().path("items").size() == n);
  }

  private void everyoneReports(long revision) throws Exception {
    for (FakeDevice d : devices) {
      d.report(LABELS, List.of(running(revision)));
    }
  }

  private String token() throws java.io.IOException {
    return java.nio.file.Files.readString(dataDir.resolve("admin.token")).trim();
  }

  private static long lastRevision(FakeDevice d) {
    var received = d.desired();
    if (received.isEmpty()) {
      return 0;
    }
    var doc = received.get(received.size() - 1).doc();
    return doc.workloads().isEmpty() ? 0 : doc.workloads().get(0).revision();
  }

  private String rolloutState() {
    return hub.api.get("/api/v1/deployments/shop").body().path("rollout").path("state").asText();
  }

  @Test
  void aCanaryWaveCanBePausedResumedAndTheRolloutRolledBack() throws Exception {
    hub = TestHub.embedded(dataDir);
    fleet(4);
    assertThat(hub.api.put("/api/v1/deployments/shop", deployment("shop:1", null)).status())
        .isEqualTo(200);
    everyoneReports(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> rolloutState().equals("complete"));

    hub.api.put(
        "/api/v1/deployments/shop",
        deployment(
            "shop:2",
            "{\"type\":\"waves\",\"waves\":[25,100],\"bakeSeconds\":1,\"maxFailurePercent\":0}"));
    var rollout = hub.api.get("/api/v1/deployments/shop").body().path("rollout");
    assertThat(rollout.path("state").asText()).isEqualTo("progressing");
    assertThat(rollout.path("updated").asInt()).isEqualTo(1);
    assertThat(rollout.path("targeted").asInt()).isEqualTo(4);
    assertThat(rollout.path("stableRevision").asLong()).isEqualTo(1);
    assertThat(rollout.path("devices")).hasSize(1);

    var paused = hub.api.post("/api/v1/deployments/shop/pause", "");
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.body().path("state").asText()).isEqualTo("paused");
    assertThat(hub.api.post("/api/v1/deployments/shop/pause", "").status()).isEqualTo(409);
    everyoneReports(2);
    Thread.sleep(3000);
    assertThat(
            hub.api.get("/api/v1/deployments/shop").body().path("rollout").path("updated").asInt())
        .isEqualTo(1);

    assertThat(hub.api.post("/api/v1/deployments/shop/resume", "").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                hub.api
                        .get("/api/v1/deployments/shop")
                        .body()
                        .path("rollout")
                        .path("updated")
                        .asInt()
                    == 4);

    var back = hub.api.post("/api/v1/deployments/shop/rollback", "");
    assertThat(back.status()).isEqualTo(200);
    assertThat(back.body().path("state").asText()).isEqualTo("rolledback");
    for (FakeDevice d : devices) {
      await().atMost(Duration.ofSeconds(30)).until(() -> lastRevision(d) == 1);
    }
    var again = hub.api.post("/api/v1/deployments/shop/rollback", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("error").path("message").asText())
        .isEqualTo("the rollout is already rolled back");
    assertThat(hub.api.post("/api/v1/deployments/nope/pause", "").status()).isEqualTo(404);
    List<String> kinds = new ArrayList<>();
    hub.api
        .get("/api/v1/deployments/shop")
        .body()
        .path("rollout")
        .path("events")
        .forEach(e -> kinds.add(e.path("kind").asText()));
    assertThat(kinds).containsSubsequence("started", "paused", "resumed", "wave", "rolledback");
  }

  @Test
  void aStrategyWithMistakesIsRefusedWithTheFieldPaths() {
    hub = TestHub.embedded(dataDir);

    var r =
        hub.api.put(
            "/api/v1/deployments/shop",
            deployment("shop:1", "{\"type\":\"waves\",\"waves\":[50],\"bakeSecs\":3}"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("error").path("details").toString())
        .contains("strategy.bakeSecs: unknown field")
        .contains("strategy.waves[0]: the last wave must be 100");
  }

  @Test
  void revisionsSayWhoAppliedThemAndMetricsCountRollouts() throws Exception {
    hub = TestHub.embedded(dataDir);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> applied =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + hub.hub.httpPort() + "/api/v1/deployments/shop"))
                .header("Authorization", "Bearer " + token())
                .header("X-Skerry-Actor", "ana@laptop" + " ".repeat(5) + "x".repeat(200))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(deployment("shop:1", null)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(applied.statusCode()).isEqualTo(200);
    hub.api.put("/api/v1/deployments/shop", deployment("shop:2", null));

    var revisions = hub.api.get("/api/v1/deployments/shop/revisions").body().path("items");
    assertThat(revisions.get(0).path("appliedBy").asText())
        .isEqualTo("admin (ana@laptop     " + "x".repeat(85) + ")"); // cut to 100 characters
    assertThat(revisions.get(1).path("appliedBy").asText()).isEqualTo("admin");

    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("# TYPE skerry_hub_devices gauge")
        .contains("skerry_hub_deployments 1")
        .contains("skerry_hub_rollout_transitions_total{to=\"started\"} 2")
        .contains("skerry_hub_rollouts{state=\"complete\"} 1")
        .contains("skerry_hub_api_requests_total{code=\"2xx\",method=\"PUT\"} 2")
        .containsPattern("skerry_hub_api_request_seconds_count [1-9]");
  }
}
