package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.agent.runtime.FakeRuntime;
import dev.skerry.agent.security.TestSigner;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.SqliteStores;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An offline agent (no --hub) with a stored document, seen through its local API. */
class AgentApiTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final FakeRuntime runtime = new FakeRuntime();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestSigner signer = TestSigner.create();
  private Agent agent;

  @BeforeEach
  void start() throws Exception {
    try (AgentStores store = SqliteStores.open(dir)) {
      WorkloadSpec spec =
          new WorkloadSpec(
              "web", "reg.local/web:1", null, null, null, null, null, null, null, null);
      byte[] doc =
          WireJson.mapper()
              .writeValueAsBytes(
                  new DesiredDocument(
                      1, "box-1", 8, Instant.now(), List.of(new DesiredWorkload("site", 3, spec))));
      store.desired().replaceSignedDesired(8, doc, signer.sign(doc)).join();
    }
    signer.pin(dir); // as enrollment would: the stored document is verified at start
    AgentConfig config =
        new AgentConfig(
            null,
            "box-1",
            null,
            Map.of(),
            Path.of("/x.sock"),
            "skerry",
            dir,
            "127.0.0.1:0",
            Set.of(),
            AgentConfig.defaults().platform(),
            List.of(),
            AgentConfig.DEFAULT_LOG_MAX_BYTES);
    agent = Agent.start(config, vertx, (v, c) -> runtime, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    agent.close();
    vertx.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.apiPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthzSaysOk() throws Exception {
    HttpResponse<String> r = get("/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void statusShowsTheStoredStateRunningWithoutAnyNetwork() throws Exception {
    await().until(() -> agent.status().appliedRevision() == 8);
    JsonNode body = WireJson.mapper().readTree(get("/v1/status").body());
    assertThat(body.get("deviceId").asText()).isEqualTo("box-1");
    assertThat(body.get("connected").asBoolean()).isFalse();
    assertThat(body.get("desiredRevision").asLong()).isEqualTo(8);
    assertThat(body.get("appliedRevision").asLong()).isEqualTo(8);
    JsonNode web = body.get("workloads").get(0);
    assertThat(web.get("name").asText()).isEqualTo("web");
    assertThat(web.get("deployment").asText()).isEqualTo("site");
    assertThat(web.get("image").asText()).isEqualTo("reg.local/web:1");
    assertThat(web.get("imageDigest").asText()).startsWith("sha256:");
    assertThat(web.get("state").asText()).isEqualTo("running");
    assertThat(web.get("restarts").asInt()).isZero();
    assertThat(web.get("health").asText()).isEqualTo("unknown");
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    await().until(() -> agent.status().appliedRevision() == 8);
    HttpResponse<String> r = get("/metrics");
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(r.body())
        .contains("skerry_agent_workloads{state=\"running\"} 1\n")
        .contains("skerry_agent_mqtt_connected 0\n")
        .contains("skerry_agent_applied_revision 8\n")
        .contains("# TYPE skerry_agent_reconcile_total counter\n")
        .containsPattern("skerry_agent_reconcile_total [1-9]");
  }

  @Test
  void unknownPathsAre404AndOtherMethods405() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.apiPort() + "/healthz"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }
}
