package dev.skerry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.runtime.ContainerdRuntime;
import dev.skerry.agent.runtime.RuntimeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTA rollouts with five real agents (separate containerd namespaces and data dirs) and the
 * packaged hub: a good change goes out wave by wave, a bad one stops at the canary and is rolled
 * back, pause and resume, a hub restart mid-rollout, a device that was offline catches up, and an
 * agent cut off from the hub during a bad update rolls itself back. The tests build on each other
 * (each starts from the revision the previous one left), so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutEndToEndIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final int DEVICES = 5;
  private static final String NAME = "fleet-web";

  @TempDir static Path data;
  private static int httpPort;
  private static int httpsPort;
  private static int mqttPort;
  private static JavaProcess hub;
  private static HubClient api;
  private static Vertx vertx;
  private static final Map<String, Agent> agents = new LinkedHashMap<>();

  /** One device: its agent process, containerd namespace and local API port. */
  private static final class Agent {
    final String id;
    final String namespace;
    final int apiPort;
    JavaProcess process;
    ContainerdRuntime containerd;

    Agent(String id) {
      this.id = id;
      this.namespace = "skerry-ro-" + RUN + "-" + id.substring(id.length() - 1);
      this.apiPort = TestEnv.freePort();
    }

    void start() {
      process =
          JavaProcess.start(
              id,
              TestEnv.jar("skerry.agent.jar"),
              List.of("-XX:+UseSerialGC", "-Xmx32m", "-XX:TieredStopAtLevel=1"),
              List.of(
                  "--device-id",
                  id,
                  "--hub-api",
                  "https://127.0.0.1:" + httpsPort,
                  "--join-token-file",
                  joinTokenFile(id).toString(),
                  "--labels",
                  "fleet=" + RUN,
                  "--containerd-socket",
                  TestEnv.containerdSocket().toString(),
                  "--namespace",
                  namespace,
                  "--data-dir",
                  data.resolve(id).toString(),
                  "--api-listen",
                  "127.0.0.1:" + apiPort,
                  "--insecure-registry",
                  TestEnv.registry()));
    }

    /** The skerry.revision labels of this device's live containers. */
    Set<String> runningRevisions() {
      Set<String> revisions = new HashSet<>();
      for (Container c : containerd.list()) {
        if (c.task() == Container.TaskState.RUNNING) {
          revisions.add(c.labels().get("skerry.revision"));
        }
      }
      return revisions;
    }

    /** The agent's own view of its workload web, from its local API. */
    JsonNode localStatus() throws Exception {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/v1/status"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      for (JsonNode w :
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("workloads")) {
        if ("web".equals(w.path("name").asText())) {
          return w;
        }
      }
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
  }

  /** Every revision any device was seen running, per device; filled by a background watcher. */
  private static final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

  private static volatile boolean watching = true;

  /** The device's join token file, made once: a restarted agent already holds its identity. */
  private static java.nio.file.Path joinTokenFile(String id) {
    java.nio.file.Path file = data.resolve("tokens").resolve(id + ".token");
    if (java.nio.file.Files.exists(file)) {
      return file;
    }
    try {
      return api.joinTokenFile(data.resolve("tokens"), id);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void startHubAndFleet() throws Exception {
    httpPort = TestEnv.freePort();
    httpsPort = TestEnv.freePort();
    mqttPort = TestEnv.freePort();
    startHub();
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    for (int i = 0; i < DEVICES; i++) {
      Agent a = new Agent("ro-" + RUN + "-" + i);
      a.containerd =
          new ContainerdRuntime(
              vertx,
              new RuntimeConfig(
                  TestEnv.containerdSocket(),
                  a.namespace,
                  data.resolve("observer-" + i),
                  Set.of(TestEnv.registry()),
                  RuntimeConfig.Platform.current(),
                  List.of()));
      a.start();
      agents.put(a.id, a);
      seen.put(a.id, ConcurrentHashMap.newKeySet());
    }
    Thread watcher =
        new Thread(
            () -> {
              while (watching) {
                for (Agent a : agents.values()) {
                  try {
                    seen.get(a.id).addAll(a.runningRevisions());
                  } catch (RuntimeException e) {
                    // containerd busy: next round
                  }
                }
                sleep(300);
              }
            },
            "revision-watcher");
    watcher.setDaemon(true);
    watcher.start();
    await("every device online")
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                agents.keySet().stream()
                    .allMatch(
                        id -> api.get("/api/v1/devices/" + id).body().path("online").asBoolean()));
  }

  private static void startHub() throws Exception {
    hub =
        JavaProcess.start(
            "hub",
            TestEnv.jar("skerry.hub.jar"),
            List.of("-Xmx512m"),
            List.of(
                "--data-dir",
                data.resolve("hub").toString(),
                "--http-port",
                String.valueOf(httpPort),
                "--embedded-mqtt-host",
                "127.0.0.1",
                // Secure by default: agents enroll with a join token over HTTPS and connect
                // with their own certificate (mutual TLS) to the MQTTS listener.
                "--https-port",
                String.valueOf(httpsPort),
                "--embedded-mqtts-port",
                String.valueOf(mqttPort),
                "--public-host",
                "127.0.0.1"));
    URI base = URI.create("http://127.0.0.1:" + httpPort);
    HubClient probe = new HubClient(base, "");
    await("hub healthy")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .failFast("hub exited", () -> !hub.alive())
        .until(probe::healthy);
    api = new HubClient(base, Files.readString(data.resolve("hub/admin.token")).trim());
  }

  @AfterAll
  static void stopEverything() throws Exception {
    watching = false;
    for (Agent a : agents.values()) {
      if (a.process != null) {
        a.process.close();
      }
    }
    if (hub != null) {
      hub.close();
    }
    for (Agent a : agents.values()) {
      if (a.containerd != null) {
        for (Container c : a.containerd.list()) {
          a.containerd.remove(c.id());
        }
        a.containerd.close();
      }
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Applies revision content: image, a health check command, an env marker that makes each apply a
   * new revision. Canary wave 20 % = 1 device of 5, then everybody.
   */
  private static long apply(String image, String check, String marker, int deadlineSeconds) {
    HubClient.Response r =
        api.put(
            "/api/v1/deployments/" + NAME,
            """
            {"name":"%s","selector":{"matchLabels":{"fleet":"%s"}},
             "workloads":[{"name":"web","image":"%s","command":["sleep","3600"],
               "env":{"MARKER":"%s"},
               "healthCheck":{"exec":["%s"],"periodSeconds":1,"failureThreshold":2}}],
             "strategy":{"type":"waves","waves":[20,100],"bakeSeconds":3,
               "maxFailurePercent":0,"progressDeadlineSeconds":%d,"minReadySeconds":2}}
            """
                .formatted(NAME, RUN, image, marker, check, deadlineSeconds));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.body().path("revision").asLong();
  }

  private static JsonNode rollout() {
    return api.get("/api/v1/deployments/" + NAME).body().path("rollout");
  }

  private static void awaitRollout(String state, long revision, Duration within) {
    await("rollout of revision " + revision + " " + state)
        .atMost(within)
        .pollInterval(Duration.ofMillis(500))
        .failFast("hub exited", () -> !hub.alive())
        .untilAsserted(
            () -> {
              JsonNode r = rollout();
              assertThat(r.path("revision").asLong()).as(r.toString()).isEqualTo(revision);
              assertThat(r.path("state").asText()).as(r.toString()).isEqualTo(state);
            });
  }

  private static void awaitEveryDeviceRuns(long revision, Duration within) {
    await("every device runs revision " + revision)
        .atMost(within)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (Agent a : agents.values()) {
                assertThat(a.runningRevisions()).as(a.id).containsExactly(String.valueOf(revision));
              }
            });
  }

  private static List<String> members() {
    List<String> ids = new ArrayList<>();
    rollout().path("devices").forEach(d -> ids.add(d.path("id").asText()));
    return ids;
  }

  @Test
  @Order(1)
  void aGoodChangeRollsOutWaveByWaveToEveryDevice() {
    long first = apply(TestEnv.image(), "true", "one", 60);
    awaitRollout("complete", first, Duration.ofSeconds(120));
    awaitEveryDeviceRuns(first, Duration.ofSeconds(30));

    long second = apply(TestEnv.imageV2(), "true", "two", 60);
    await("the canary wave: one device updated, the rollout progressing")
        .atMost(Duration.ofSeconds(30))
        .until(() -> rollout().path("updated").asInt() == 1);
    assertThat(rollout().path("state").asText()).isEqualTo("progressing");
    awaitRollout("complete", second, Duration.ofSeconds(120));
    awaitEveryDeviceRuns(second, Duration.ofSeconds(30));

    JsonNode done = rollout();
    assertThat(done.path("healthy").asInt()).isEqualTo(DEVICES);
    List<String> kinds = new ArrayList<>();
    done.path("events").forEach(e -> kinds.add(e.path("kind").asText()));
    assertThat(kinds).containsSubsequence("started", "wave", "wave", "complete");
  }

  @Test
  @Order(2)
  void aChangeWhoseHealthCheckFailsStopsAtTheCanaryWhichRollsBack() {
    long good = rollout().path("revision").asLong();
    long bad = apply(TestEnv.image(), "false", "bad", 20);

    awaitRollout("rolledback", bad, Duration.ofSeconds(120));
    JsonNode r = rollout();
    assertThat(r.path("updated").asInt()).isEqualTo(1);
    assertThat(r.path("failed").asInt()).isEqualTo(1);
    String canary = members().get(0);
    awaitEveryDeviceRuns(good, Duration.ofSeconds(60));
    for (String id : agents.keySet()) {
      if (!id.equals(canary)) {
        assertThat(seen.get(id))
            .as(id + " never ran the bad revision")
            .doesNotContain(String.valueOf(bad));
      }
    }
  }

  @Test
  @Order(3)
  void pauseHoldsTheNextWaveUntilResume() throws Exception {
    long next = apply(TestEnv.imageV2(), "true", "paused", 60);
    assertThat(api.post("/api/v1/deployments/" + NAME + "/pause").status()).isEqualTo(200);

    Thread.sleep(12_000); // long enough for the canary to be healthy and the bake to pass
    JsonNode r = rollout();
    assertThat(r.path("state").asText()).isEqualTo("paused");
    assertThat(r.path("updated").asInt()).isEqualTo(1);

    assertThat(api.post("/api/v1/deployments/" + NAME + "/resume").status()).isEqualTo(200);
    awaitRollout("complete", next, Duration.ofSeconds(120));
    awaitEveryDeviceRuns(next, Duration.ofSeconds(30));
  }

  @Test
  @Order(4)
  void aHubRestartedMidRolloutContinuesWhereItWas() throws Exception {
    long next = apply(TestEnv.image(), "true", "restart", 60);
    await("canary taken")
        .atMost(Duration.ofSeconds(30))
        .until(() -> rollout().path("updated").asInt() == 1);
    String canary = members().get(0);

    hub.close();
    startHub();

    awaitRollout("complete", next, Duration.ofSeconds(120));
    awaitEveryDeviceRuns(next, Duration.ofSeconds(30));
    assertThat(members()).contains(canary);
  }

  @Test
  @Order(5)
  void aDeviceOfflineDuringTheRolloutCatchesUpWhenItReturns() throws Exception {
    Agent away = agents.values().stream().reduce((a, b) -> b).orElseThrow();
    away.process.kill();
    await("device offline")
        .atMost(Duration.ofSeconds(60))
        .until(() -> !api.get("/api/v1/devices/" + away.id).body().path("online").asBoolean());

    long next = apply(TestEnv.imageV2(), "true", "offline", 60);
    awaitRollout("complete", next, Duration.ofSeconds(120));
    assertThat(rollout().path("pending").asInt()).isEqualTo(1);
    assertThat(away.runningRevisions()).doesNotContain(String.valueOf(next));

    away.start();
    awaitEveryDeviceRuns(next, Duration.ofSeconds(90));
  }

  @Test
  @Order(6)
  void anAgentCutOffFromTheHubDuringABadUpdateRollsItselfBack() throws Exception {
    long good = rollout().path("revision").asLong();
    long bad = apply(TestEnv.image(), "false", "cut-off", 15);
    await("canary took the bad revision")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                agents.values().stream()
                    .anyMatch(a -> a.runningRevisions().contains(String.valueOf(bad))));
    Agent canary =
        agents.values().stream()
            .filter(a -> a.runningRevisions().contains(String.valueOf(bad)))
            .findFirst()
            .orElseThrow();

    hub.close(); // the broker is embedded: every agent is cut off

    await("the canary is back on the good revision on its own")
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(canary.runningRevisions()).containsExactly(String.valueOf(good));
              JsonNode w = canary.localStatus();
              assertThat(w.path("failedRevision").asLong()).as(w.toString()).isEqualTo(bad);
            });

    startHub();
    awaitRollout("rolledback", bad, Duration.ofSeconds(120));
    awaitEveryDeviceRuns(good, Duration.ofSeconds(60));
    // The rollback the agent logged while cut off reached the hub through its outbox.
    await("the canary's rollback event on the hub")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              List<String> rollbacks = new ArrayList<>();
              api.get("/api/v1/devices/" + canary.id + "/events?limit=100")
                  .body()
                  .path("items")
                  .forEach(
                      e -> {
                        if ("rollback".equals(e.path("kind").asText())) {
                          rollbacks.add(e.path("message").asText());
                        }
                      });
              assertThat(rollbacks).anySatisfy(m -> assertThat(m).contains("revision " + bad));
            });
  }
}
