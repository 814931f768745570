package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, refused input and hostile device messages, against one running hub. */
class ApiErrorsIT {
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
  void healthNeedsNoToken() {
    Api.Reply r = hub.api.getWith("/healthz", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("status").asText()).isEqualTo("ok");
  }

  @Test
  void theApiRefusesAMissingOrWrongToken() {
    Api.Reply none = hub.api.getWith("/api/v1/devices", null);
    Api.Reply wrong = hub.api.getWith("/api/v1/devices", "Bearer not-the-token");

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.errorCode()).isEqualTo("unauthorized");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(hub.api.get("/api/v1/devices").status()).isEqualTo(200);
  }

  @Test
  void malformedJsonIsA400WithThePosition() {
    Api.Reply r = hub.api.put("/api/v1/deployments/bad", "{\"name\": \"bad\",\n \"selector\": {");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("malformed");
    assertThat(r.body().path("error").path("message").asText()).contains("line 2");
  }

  @Test
  void invalidFieldsAreListedWithTheirPaths() {
    String body =
        """
        {"name":"bad","selector":{"matchLabels":{}},
         "workloads":[{"name":"w","image":"x","resources":{"memoryMiB":0}, "colour":"red"}]}
        """;
    Api.Reply unknown = hub.api.put("/api/v1/deployments/bad", body);
    Api.Reply invalid =
        hub.api.put("/api/v1/deployments/bad", body.replace(", \"colour\":\"red\"", ""));

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("error").path("details").get(0).asText())
        .isEqualTo("workloads[0].colour: unknown field");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.errorCode()).isEqualTo("invalid");
    assertThat(invalid.body().path("error").path("details").get(0).asText())
        .isEqualTo("workloads[0].resources.memoryMiB: must be > 0");
  }

  @Test
  void whatEveryAgentWouldRefuseIsRefusedHereWithTheFieldNamed() {
    String probe =
        """
        {"name":"probe","selector":{"matchLabels":{}},
         "workloads":[{"name":"w","image":"nginx:1.27","network":"none",
                       "healthCheck":{"httpGet":{"port":80,"path":"/"}}}]}
        """;
    String label =
        """
        {"name":"label","selector":{"matchLabels":{"site-":"north"}},
         "workloads":[{"name":"w","image":"nginx:1.27"}]}
        """;
    String image =
        """
        {"name":"image","selector":{"matchLabels":{}},
         "workloads":[{"name":"w","image":"UPPER CASE::bad"}]}
        """;

    assertThat(detail(hub.api.put("/api/v1/deployments/probe", probe)))
        .isEqualTo("workloads[0].healthCheck.httpGet: needs network host (use exec)");
    assertThat(detail(hub.api.put("/api/v1/deployments/label", label)))
        .startsWith("selector.matchLabels: 'site-' is not a label key");
    assertThat(detail(hub.api.put("/api/v1/deployments/image", image)))
        .startsWith("workloads[0].image: invalid image reference 'UPPER CASE::bad'");
    assertThat(hub.api.get("/api/v1/deployments/probe").status()).isEqualTo(404);
  }

  private static String detail(Api.Reply r) {
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("invalid");
    assertThat(r.body().path("error").path("details")).hasSize(1);
    return r.body().path("error").path("details").get(0).asText();
  }

  @Test
  void theBodyNameMustMatchThePath() {
    Api.Reply r =
        hub.api.put("/api/v1/deployments/other", Deployments.json("bad", "a", "b", "x:1"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("error").path("details").get(0).asText())
        .contains("does not match the path");
  }

  @Test
  void aBodyAboveOneMebibyteIsA413() {
    String big = "{\"name\":\"big\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";

    Api.Reply r = hub.api.put("/api/v1/deployments/big", big);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.errorCode()).isEqualTo("too_large");
  }

  @Test
  void unknownDeploymentsAndRoutesAre404() {
    assertThat(hub.api.get("/api/v1/deployments/none").status()).isEqualTo(404);
    assertThat(hub.api.delete("/api/v1/deployments/none").status()).isEqualTo(404);
    assertThat(hub.api.get("/api/v1/nothing").errorCode()).isEqualTo("not_found");
  }

  @Test
  void labellingAnUnknownDeviceIsA404() {
    Api.Reply r = hub.api.put("/api/v1/devices/nobody/labels", "{\"a\":\"b\"}");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("not_found");
  }

  @Test
  void labelsMustBeStrings() {
    Api.Reply r = hub.api.put("/api/v1/devices/x/labels", "{\"a\":1}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("error").path("details").get(0).asText())
        .isEqualTo("a: must be a string");
  }

  @Test
  void labelsFollowTheSyntaxSelectorsMatch() {
    Api.Reply r = hub.api.put("/api/v1/devices/x/labels", "{\"site-\":\"north\",\"ok\":\"a b\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("invalid");
    assertThat(r.body().path("error").path("details")).hasSize(2);
  }

  @Test
  void malformedAndOversizedDeviceMessagesAreCountedAndTheHubCarriesOn() throws Exception {
    long malformedBefore = hub.hub.droppedMessages()[0];
    long oversizedBefore = hub.hub.droppedMessages()[1];
    try (FakeDevice device = new FakeDevice(hub.brokerUrl(), "hostile-1")) {
      device.publishRaw(Topics.reported("hostile-1"), "{oops".getBytes(StandardCharsets.UTF_8));
      device.publishRaw(Topics.reported("hostile-1"), new byte[300 * 1024]);
      device.report(Map.of("ok", "yes"), List.of());

      await().until(() -> hub.api.get("/api/v1/devices/hostile-1").status() == 200);
      assertThat(hub.hub.droppedMessages()[0]).isEqualTo(malformedBefore + 1);
      assertThat(hub.hub.droppedMessages()[1]).isEqualTo(oversizedBefore + 1);
    }
  }
}
