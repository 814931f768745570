package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.runtime.ContainerIds;
import dev.skerry.agent.runtime.FakeRuntime;
import dev.skerry.agent.store.SqliteStores;
import dev.skerry.core.wire.WireJson;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's real start-up path on a garbage agent.db: it starts, says so, and leaves the
 * containers it finds alone until the hub speaks.
 */
class AgentStoreRecoveryTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final FakeRuntime runtime = new FakeRuntime();
  private final HttpClient http = HttpClient.newHttpClient();
  private Agent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    vertx.close();
  }

  private AgentConfig config() {
    return new AgentConfig(
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
  }

  private String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.apiPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private long reconcilePasses() throws Exception {
    Matcher m =
        Pattern.compile("(?m)^skerry_agent_reconcile_total (\\d+)").matcher(get("/metrics"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  void startsOnAGarbageDatabaseAndLeavesRunningContainersAlone() throws Exception {
    byte[] garbage = new byte[16384];
    new Random(1).nextBytes(garbage);
    Files.write(dir.resolve(SqliteStores.FILE_NAME), garbage);
    String id = ContainerIds.of("web", 4);
    runtime.put(
        new Container(
            id,
            "web",
            4,
            "0123456789abcdef",
            "reg.local/web:1",
            TaskState.RUNNING,
            null,
            null,
            Map.of(
                ContainerIds.LABEL_WORKLOAD, "web",
                ContainerIds.LABEL_REVISION, "4",
                ContainerIds.LABEL_SPEC_HASH, "0123456789abcdef")));

    agent = Agent.start(config(), vertx, (v, c) -> runtime, Clock.systemUTC());

    // Several passes, the first at start: had it planned anything, it would show in calls().
    await().atMost(Duration.ofSeconds(10)).until(() -> reconcilePasses() >= 1);
    assertThat(runtime.calls()).isEmpty();
    assertThat(runtime.containers().get(id).task()).isEqualTo(TaskState.RUNNING);

    JsonNode status = WireJson.mapper().readTree(get("/v1/status"));
    assertThat(status.get("desiredRevision").asLong()).isZero();
    JsonNode recovered = status.get("storeRecovered");
    assertThat(recovered).isNotNull();
    assertThat(recovered.get("reason").asText()).contains("not a database");
    assertThat(recovered.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("agent.db.corrupt-"));
    }
  }

  @Test
  void aHealthyStartShowsNoRecoveryFlag() throws Exception {
    agent = Agent.start(config(), vertx, (v, c) -> runtime, Clock.systemUTC());
    JsonNode status = WireJson.mapper().readTree(get("/v1/status"));
    assertThat(status.has("storeRecovered")).isFalse();
    assertThat(status.get("desiredRevision").asLong()).isZero();
  }
}
