package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.runtime.ContainerIds;
import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.ItEnv;
import dev.skerry.agent.runtime.RuntimeConfig;
import dev.skerry.agent.security.TestSigner;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.SqliteStores;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.DesiredWorkload.Rollout;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The packaged agent as a process with no hub, killed with SIGKILL while an update is on probation:
 * the restarted agent keeps counting from the first start of the update, and after the rollback a
 * restart never tries the failed revision again.
 */
class RollbackRestartIT {
  private static final Path JAR = Path.of("target/skerry-agent.jar");
  private static final int DEADLINE_SECONDS = 15;
  private static final List<String> SERVE =
      List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done");

  @TempDir Path dir;
  private final String namespace = ItEnv.uniqueNamespace("restart");
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestSigner signer = TestSigner.create();
  private Vertx vertx;
  private ContainerRuntime containerd;
  private Process agent;
  private int apiPort;

  @BeforeEach
  void start() throws Exception {
    signer.pin(dir.resolve("data")); // as enrollment would: stored documents are verified
    vertx = ItEnv.vertx();
    containerd =
        RuntimeFactory.containerd()
            .create(
                vertx,
                ItEnv.config(namespace, dir.resolve("observer"), RuntimeConfig.Platform.current()));
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (agent != null) {
      agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try {
      for (Container c : containerd.list()) {
        containerd.remove(c.id());
      }
      if (containerd instanceof dev.skerry.agent.runtime.ContainerdRuntime real) {
        ItEnv.dropNamespace(real);
      }
    } finally {
      containerd.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aKilledAgentKeepsTheProbationClockAndNeverRetriesTheRevisionItGaveUpOn() throws Exception {
    HealthCheck passes = new HealthCheck(List.of("true"), null, null, 1, 2, 1, 0);
    HealthCheck fails = new HealthCheck(List.of("false"), null, null, 1, 2, 1, 0);
    store(1, web(1, ItEnv.get("SKERRY_IT_IMAGE"), passes));
    startAgent();
    await("revision 1 is the last-known-good")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> queryLong("SELECT revision FROM last_known_good WHERE workload = 'web'") == 1);

    kill();
    store(2, web(2, ItEnv.get("SKERRY_IT_IMAGE_V2"), fails));
    startAgent();
    await("the agent acts on revision 2")
        .atMost(Duration.ofSeconds(60))
        .until(() -> running().containsKey("web.r2"));
    Instant probationStart =
        Instant.parse(queryText("SELECT started_at FROM rollout_attempt WHERE workload = 'web'"));

    // Kill and restart in the middle of the probation.
    await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
    kill();
    assertThat(queryText("SELECT failed_at FROM rollout_attempt"))
        .as("still on probation")
        .isNull();
    startAgent();

    await("the restarted agent rolls back")
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonNode web = status().get("workloads").get(0);
              assertThat(web.get("failedRevision").asLong()).isEqualTo(2);
              assertThat(web.get("revision").asLong()).isEqualTo(1);
              assertThat(web.get("message").asText())
                  .startsWith("rolled back from revision 2: not ready within 15 s");
              assertThat(running()).containsExactly(Map.entry("web.r1", 1L));
            });
    assertThat(
            Instant.parse(
                queryText("SELECT started_at FROM rollout_attempt WHERE workload = 'web'")))
        .as("the restart did not reset the clock")
        .isEqualTo(probationStart);
    assertThat(Instant.parse(queryText("SELECT failed_at FROM rollout_attempt")))
        .as("given up about %d s after the first start, not after the restart", DEADLINE_SECONDS)
        .isBetween(
            probationStart.plusSeconds(DEADLINE_SECONDS),
            probationStart.plusSeconds(DEADLINE_SECONDS + 5));

    long createdBefore = countEvents("started container web.r2");
    kill();
    startAgent();
    await("after another restart revision 2 is never started again")
        .during(Duration.ofSeconds(12))
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> running().equals(Map.of("web.r1", 1L)));
    assertThat(countEvents("started container web.r2")).isEqualTo(createdBefore);
    assertThat(status().get("workloads").get(0).get("failedRevision").asLong()).isEqualTo(2);
  }

  private static DesiredWorkload web(long revision, String image, HealthCheck check) {
    return new DesiredWorkload(
        "site",
        revision,
        new WorkloadSpec("web", image, SERVE, null, null, "always", null, null, check, "host"),
        new Rollout(DEADLINE_SECONDS, 1, true));
  }

  /** Stores a signed desired document as the hub link would; only while no agent runs. */
  private void store(long revision, DesiredWorkload w) throws Exception {
    byte[] doc =
        WireJson.mapper()
            .writeValueAsBytes(
                new DesiredDocument(1, "rollback", revision, Instant.now(), List.of(w)));
    try (AgentStores store = SqliteStores.open(dir.resolve("data"))) {
      assertThat(store.desired().replaceSignedDesired(revision, doc, signer.sign(doc)).join())
          .isTrue();
    }
  }

  private void startAgent() throws Exception {
    apiPort = Mosquitto.freePort(); // the free-port helper only: no broker, no hub
    agent =
        new ProcessBuilder(
                "java",
                "-Xmx64m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString(),
                "--device-id",
                "rollback",
                "--data-dir",
                dir.resolve("data").toString(),
                "--api-listen",
                "127.0.0.1:" + apiPort,
                "--containerd-socket",
                ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET"),
                "--namespace",
                namespace,
                "--insecure-registry",
                ItEnv.get("SKERRY_IT_REGISTRY"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()))
            .start();
    await("the agent's API answers")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> status().has("workloads"));
  }

  private void kill() throws Exception {
    agent.destroyForcibly();
    assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(agent.exitValue()).as("SIGKILL").isEqualTo(137);
  }

  private Map<String, Long> running() {
    return containerd.list().stream()
        .filter(c -> c.task() == TaskState.RUNNING)
        .collect(
            Collectors.toMap(
                Container::id, c -> Long.parseLong(c.labels().get(ContainerIds.LABEL_REVISION))));
  }

  private JsonNode status() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/v1/status"))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return WireJson.mapper().readTree(r.body());
  }

  private long countEvents(String message) throws Exception {
    return queryLong("SELECT count(*) FROM event_log WHERE message = '" + message + "'");
  }

  private long queryLong(String sql) throws Exception {
    String text = queryText(sql);
    return text == null ? 0 : Long.parseLong(text);
  }

  /** The first column of the first row, read-only beside the running agent; null if none. */
  private String queryText(String sql) throws Exception {
    SQLiteConfig readOnly = new SQLiteConfig();
    readOnly.setReadOnly(true);
    try (Connection c = readOnly.createConnection("jdbc:sqlite:" + dir.resolve("data/agent.db"));
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
