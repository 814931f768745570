package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.WorkloadStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end against the embedded HiveMQ: devices report, deployments reach
 * the devices they select, revisions follow content. One hub for the class (HiveMQ takes seconds to
 * start); every test uses its own devices and labels.
 */
class DesiredFlowIT {
  @TempDir static Path dataDir;
  static TestHub hub;

  @BeforeAll
  static void startHub() {
    hub = TestHub.embedded(dataDir);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aReportingDeviceIsListedWithItsLabelsAndWorkloads() throws Exception {
    try (FakeDevice device = new FakeDevice(hub.brokerUrl(), "listed-1")) {
      device.online();
      device.report(
          Map.of("site", "north", "arch", "arm64"),
          List.of(
              new WorkloadStatus(
                  "web", "web", 1, "nginx:1", "sha256:abc", "running", 0, "healthy", null, "")));

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                Api.Reply r = hub.api.get("/api/v1/devices");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body().path("items").findValuesAsText("id")).contains("listed-1");
                Api.Reply one = hub.api.get("/api/v1/devices/listed-1");
                assertThat(one.body().path("online").asBoolean()).isTrue();
                assertThat(one.body().path("agentVersion").asText()).isEqualTo("0.1.0-test");
                assertThat(one.body().path("labels").path("site").asText()).isEqualTo("north");
                assertThat(one.body().path("workloads").get(0).path("state").asText())
                    .isEqualTo("running");
                assertThat(one.body().path("lastSeen").asText()).endsWith("Z");
              });
    }
  }

  @Test
  void anUnknownDeviceIsNotFoundWithTheErrorShape() {
    Api.Reply r = hub.api.get("/api/v1/devices/nobody");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("not_found");
    assertThat(r.body().path("error").path("message").asText()).contains("nobody");
    assertThat(r.body().path("error").path("details").isArray()).isTrue();
  }

  @Test
  void deploymentRevisionsFollowContentAndReachOnlyMatchingDevices() throws Exception {
    try (FakeDevice matching = new FakeDevice(hub.brokerUrl(), "flow-match");
        FakeDevice other = new FakeDevice(hub.brokerUrl(), "flow-other")) {
      matching.subscribeDesired().report(Map.of("flow", "yes"), List.of());
      other.subscribeDesired().report(Map.of("flow", "no"), List.of());
      await().until(() -> hub.api.get("/api/v1/devices/flow-other").status() == 200);
      await().until(() -> hub.api.get("/api/v1/devices/flow-match").status() == 200);

      Api.Reply first =
          hub.api.put(
              "/api/v1/deployments/flow", Deployments.json("flow", "flow", "yes", "nginx:1"));
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body().path("revision").asLong()).isEqualTo(1);
      await().until(() -> matching.desired().size() == 1);
      DesiredDocument doc = matching.desired().get(0).doc();
      assertThat(doc.revision()).isEqualTo(1);
      assertThat(doc.workloads())
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.deployment()).isEqualTo("flow");
                assertThat(w.revision()).isEqualTo(1);
                assertThat(w.spec().image()).isEqualTo("nginx:1");
              });

      Api.Reply same =
          hub.api.put(
              "/api/v1/deployments/flow", Deployments.json("flow", "flow", "yes", "nginx:1"));
      assertThat(same.body().path("revision").asLong()).isEqualTo(1);
      assertThat(same.body().path("changed").asBoolean()).isFalse();

      Api.Reply changed =
          hub.api.put(
              "/api/v1/deployments/flow", Deployments.json("flow", "flow", "yes", "nginx:2"));
      assertThat(changed.body().path("revision").asLong()).isEqualTo(2);
      await().until(() -> matching.desired().size() >= 2);
      // Had the same content made a document, this one would be the device's revision 3.
      assertThat(matching.desired()).extracting(r -> r.doc().revision()).containsExactly(1L, 2L);
      assertThat(matching.desired().get(1).doc().workloads().get(0).spec().image())
          .isEqualTo("nginx:2");

      assertThat(hub.api.delete("/api/v1/deployments/flow").status()).isEqualTo(200);
      await().until(() -> matching.desired().size() == 3);
      assertThat(matching.desired().get(2).doc().workloads()).isEmpty();
      assertThat(matching.desired().get(2).doc().revision()).isEqualTo(3);
      assertThat(hub.api.get("/api/v1/deployments/flow").status()).isEqualTo(404);

      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> other.desired().isEmpty());
    }
  }

  @Test
  void aDeploymentReachesEveryOneOfManyMatchingDevices() throws Exception {
    List<FakeDevice> devices = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        FakeDevice d = new FakeDevice(hub.brokerUrl(), "many-" + i).subscribeDesired();
        devices.add(d);
        d.report(Map.of("many", "yes"), List.of());
      }
      await()
          .until(
              () ->
                  hub
                          .api
                          .get("/api/v1/devices")
                          .body()
                          .path("items")
                          .findValuesAsText("id")
                          .stream()
                          .filter(id -> id.startsWith("many-"))
                          .count()
                      == 30);

      hub.api.put("/api/v1/deployments/many", Deployments.json("many", "many", "yes", "m:1"));

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> devices.stream().allMatch(d -> d.desired().size() == 1));
    } finally {
      for (FakeDevice d : devices) {
        d.close();
      }
    }
  }

  @Test
  void aDeviceThatSubscribesLaterGetsTheRetainedDocument() throws Exception {
    try (FakeDevice device = new FakeDevice(hub.brokerUrl(), "late-1")) {
      device.report(Map.of("late", "yes"), List.of());
      await().until(() -> hub.api.get("/api/v1/devices/late-1").status() == 200);
      hub.api.put("/api/v1/deployments/late", Deployments.json("late", "late", "yes", "app:1"));
      await()
          .until(
              () ->
                  hub.api.get("/api/v1/devices/late-1").body().path("desiredRevision").asLong()
                      == 1);

      device.subscribeDesired();

      await().until(() -> device.desired().size() == 1);
      assertThat(device.desired().get(0).retained()).isTrue();
      assertThat(device.desired().get(0).doc().workloads().get(0).spec().image())
          .isEqualTo("app:1");
    }
  }

  @Test
  void operatorLabelsMakeADeviceMatch() throws Exception {
    try (FakeDevice device = new FakeDevice(hub.brokerUrl(), "relabel-1")) {
      device.subscribeDesired().report(Map.of("tier", "none"), List.of());
      await().until(() -> hub.api.get("/api/v1/devices/relabel-1").status() == 200);
      hub.api.put("/api/v1/deployments/tiered", Deployments.json("tiered", "tier", "gold", "t:1"));

      Api.Reply r = hub.api.put("/api/v1/devices/relabel-1/labels", "{\"tier\":\"gold\"}");

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().path("labels").path("tier").asText()).isEqualTo("gold");
      assertThat(r.body().path("reportedLabels").path("tier").asText()).isEqualTo("none");
      await().until(() -> device.desired().size() == 1);
      assertThat(device.desired().get(0).doc().workloads().get(0).deployment()).isEqualTo("tiered");
    }
  }

  @Test
  void yamlAndPostApplyToo() {
    Api.Reply yaml =
        hub.api.putYaml(
            "/api/v1/deployments/from-yaml",
            """
            name: from-yaml
            selector:
              matchLabels: {nobody: here}
            workloads:
              - name: app
                image: app:1
            """);
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.body().path("revision").asLong()).isEqualTo(1);

    Api.Reply post =
        hub.api.post("/api/v1/deployments", Deployments.json("posted", "nobody", "here", "p:1"));
    assertThat(post.status()).isEqualTo(200);

    Api.Reply get = hub.api.get("/api/v1/deployments/posted");
    assertThat(get.body().path("revision").asLong()).isEqualTo(1);
    assertThat(get.body().path("strategy").path("minReadySeconds").asInt()).isEqualTo(5);
    assertThat(get.body().path("workloads").get(0).path("resources").path("memoryMiB").asInt())
        .isEqualTo(64);
    assertThat(hub.api.get("/api/v1/deployments").body().path("items").findValuesAsText("name"))
        .contains("from-yaml", "posted");
  }

  @Test
  void matchExpressionsSelectDevicesThroughTheApi() throws Exception {
    try (FakeDevice arm = new FakeDevice(hub.brokerUrl(), "expr-arm");
        FakeDevice x86 = new FakeDevice(hub.brokerUrl(), "expr-x86")) {
      arm.subscribeDesired().report(Map.of("fleet", "expr", "arch", "arm64"), List.of());
      x86.subscribeDesired().report(Map.of("fleet", "expr", "arch", "amd64"), List.of());
      await().until(() -> hub.api.get("/api/v1/devices/expr-x86").status() == 200);
      await().until(() -> hub.api.get("/api/v1/devices/expr-arm").status() == 200);

      Api.Reply r =
          hub.api.putYaml(
              "/api/v1/deployments/arm-only",
              """
              name: arm-only
              selector:
                matchLabels: {fleet: expr}
                matchExpressions:
                  - {key: arch, operator: In, values: [arm64, armv7]}
                  - {key: gpu, operator: DoesNotExist}
              workloads:
                - name: app
                  image: app:1
              """);

      assertThat(r.status()).isEqualTo(200);
      await().until(() -> arm.desired().size() == 1);
      assertThat(hub.api.get("/api/v1/devices/expr-x86").body().path("desiredRevision").asLong())
          .isZero();
      Api.Reply bad =
          hub.api.put(
              "/api/v1/deployments/bad-expr",
              "{\"name\":\"bad-expr\",\"selector\":{\"matchExpressions\":"
                  + "[{\"key\":\"arch\",\"operator\":\"In\"}]},"
                  + "\"workloads\":[{\"name\":\"a\",\"image\":\"a:1\"}]}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().path("error").path("details").get(0).asText())
          .isEqualTo("selector.matchExpressions[0].values: In needs at least one value");
    }
  }

  @Test
  void theRevisionHistoryListsEveryRevisionEvenAfterADelete() {
    hub.api.put("/api/v1/deployments/hist", Deployments.json("hist", "nobody", "here", "h:1"));
    hub.api.put("/api/v1/deployments/hist", Deployments.json("hist", "nobody", "here", "h:1"));
    hub.api.put("/api/v1/deployments/hist", Deployments.json("hist", "nobody", "here", "h:2"));
    hub.api.delete("/api/v1/deployments/hist");

    Api.Reply r = hub.api.get("/api/v1/deployments/hist/revisions");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("items").findValuesAsText("revision")).containsExactly("1", "2");
    assertThat(r.body().path("items").get(0).path("contentHash").asText()).startsWith("sha256:");
    assertThat(r.body().path("items").get(1).path("createdAt").asText()).endsWith("Z");
    assertThat(hub.api.get("/api/v1/deployments/never/revisions").status()).isEqualTo(404);
  }
}
