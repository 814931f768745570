package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.runtime.ContainerdRuntime;
import dev.skerry.agent.runtime.ItEnv;
import dev.skerry.agent.runtime.RuntimeConfig;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The logs endpoint and rotation with a real container writing through containerd's shim. */
class LogsIT {
  private static final long CAP = 16 * 1024;

  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private Path dir;
  private Agent agent;
  private final TestSigner signer = TestSigner.create();
  private RuntimeConfig runtimeConfig;

  @BeforeEach
  void start() throws Exception {
    vertx = ItEnv.vertx();
    dir = ItEnv.tempDir();
    // ~100-byte numbered lines, about 10 KiB/s.
    String loop =
        "i=0; while true; do i=$((i+1)); echo \"line $i $(printf '%090d' 0)\"; sleep 0.01; done";
    WorkloadSpec spec =
        new WorkloadSpec(
            "echoer",
            ItEnv.get("SKERRY_IT_IMAGE"),
            List.of("sh", "-c", loop),
            null,
            null,
            "always",
            null,
            null,
            null,
            "host");
    try (AgentStores store = SqliteStores.open(dir)) {
      byte[] doc =
          WireJson.mapper()
              .writeValueAsBytes(
                  new DesiredDocument(
                      1, "box-1", 1, Instant.now(), List.of(new DesiredWorkload("d", 1, spec))));
      store.desired().replaceSignedDesired(1, doc, signer.sign(doc)).join();
    }
    signer.pin(dir); // as enrollment would: the stored document is verified at start
    AgentConfig config =
        new AgentConfig(
            null,
            "box-1",
            null,
            Map.of(),
            Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")),
            ItEnv.uniqueNamespace("logs"),
            dir,
            "127.0.0.1:0",
            Set.of(ItEnv.get("SKERRY_IT_REGISTRY")),
            new Platform("linux", "amd64", ""),
            List.of(),
            CAP);
    agent =
        Agent.start(
            config,
            vertx,
            (v, c) -> {
              runtimeConfig = c;
              return new ContainerdRuntime(v, c);
            },
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    try {
      agent.close(); // leaves workloads running, as in production
      ContainerdRuntime cleaner = new ContainerdRuntime(vertx, runtimeConfig);
      try {
        for (Container c : cleaner.list()) {
          cleaner.remove(c.id());
        }
        ItEnv.dropNamespace(cleaner);
      } finally {
        cleaner.close();
      }
    } finally {
      vertx.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.apiPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int number(String line) {
    return Integer.parseInt(line.split(" ")[1]);
  }

  @Test
  void returnsTheLastLinesOfTheRunningContainer() throws Exception {
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              HttpResponse<String> r = get("/v1/workloads/echoer/logs?tail=5");
              assertThat(r.statusCode()).isEqualTo(200);
              assertThat(r.headers().firstValue("Content-Type"))
                  .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
              List<String> lines = r.body().lines().toList();
              assertThat(lines).hasSize(5);
              for (int i = 1; i < 5; i++) {
                assertThat(number(lines.get(i))).isEqualTo(number(lines.get(i - 1)) + 1);
              }
            });
    await() // once the container has written more than 100 lines, the default shows 100
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(get("/v1/workloads/echoer/logs").body().lines()).hasSize(100));
    HttpResponse<String> unknown = get("/v1/workloads/nobody/logs");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"code\":\"not_found\"");
    assertThat(get("/v1/workloads/echoer/logs?tail=0").statusCode()).isEqualTo(400);
    assertThat(get("/v1/workloads/echoer/logs?tail=10001").statusCode()).isEqualTo(400);
  }

  @Test
  void rotationKeepsTheLogNearTheCapAndTailReadsAcrossTheRotatedFile() throws Exception {
    Path logs = dir.resolve("logs");
    try (LogRotation rotation = LogRotation.start(vertx, logs, CAP, Duration.ofMillis(500))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Files.exists(logs.resolve("echoer.r1.log.1")));
      Path log = logs.resolve("echoer.r1.log");
      // Checked every 0.5 s while ~10 KiB/s arrive: never far past the cap.
      await()
          .during(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.size(log) < 2 * CAP);
      assertThat(Files.size(logs.resolve("echoer.r1.log.1"))).isGreaterThan(CAP);
      // Right after a rotation the current file is nearly empty and the rotated one holds about
      // CAP bytes (~170 lines): wait until the two hold 250 lines, then they must be contiguous.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                List<String> many =
                    get("/v1/workloads/echoer/logs?tail=250").body().lines().toList();
                assertThat(many).hasSize(250);
                assertThat(number(many.get(249)) - number(many.get(0))).isBetween(249, 400);
              });
    }
  }
}
