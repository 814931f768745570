package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.reconcile.SpecHash;
import dev.skerry.agent.runtime.ContainerIds;
import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.RuntimeConfig;
import dev.skerry.agent.security.TestSigner;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Fault injection: the packaged agent as a process, on the real broker and containerd, killed with
 * SIGKILL at seeded random moments while the hub publishes a stream of desired documents. After
 * every kill the stored document is exactly one published document, and after every restart the
 * device settles on the newest one with one container per workload.
 */
class AgentCrashIT {
  private static final Path JAR = Path.of("target/skerry-agent.jar");
  private static final List<String> NAMES = List.of("alpha", "beta", "gamma", "delta");
  private static final int CYCLES = 6;

  @TempDir Path dir;
  private final long seed = Long.getLong("skerry.crash.seed", 20261127L);
  private final Random random = new Random(seed);
  private final String namespace =
      "skerry-it-crash-" + UUID.randomUUID().toString().substring(0, 8);
  private final String deviceId = "crash-" + namespace.substring(namespace.length() - 8);
  private final Map<Long, byte[]> published = new ConcurrentHashMap<>();
  private final Map<Long, DesiredDocument> documents = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final HttpClient http = HttpClient.newHttpClient();
  private Mosquitto broker;
  private HubClient hub;
  private final TestSigner signer = TestSigner.create();
  private Vertx vertx;
  private ContainerRuntime containerd;
  private Process agent;
  private int apiPort;
  private long revision;

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      fail(name + " is not set: run dev/test.sh (or source `dev/testenv.sh env`)");
    }
    return value;
  }

  @BeforeEach
  void start() throws Exception {
    broker = Mosquitto.start(dir);
    signer.pin(dir.resolve("data")); // as enrollment would: documents are verified
    hub = new HubClient(broker.tcpUrl(), signer);
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    containerd =
        RuntimeFactory.containerd()
            .create(
                vertx,
                new RuntimeConfig(
                    Path.of(env("SKERRY_IT_CONTAINERD_SOCKET")),
                    namespace,
                    dir.resolve("observer"),
                    Set.of(env("SKERRY_IT_REGISTRY")),
                    RuntimeConfig.Platform.current(),
                    List.of()));
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (agent != null) {
      agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    scheduler.shutdownNow();
    try {
      for (Container c : containerd.list()) {
        containerd.stop(c.id(), Duration.ofSeconds(1));
        containerd.remove(c.id());
      }
    } finally {
      containerd.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      ctr("images", "ls", "-q").lines().forEach(image -> ctr("images", "rm", "--sync", image));
      run(
          "ctr",
          "--address",
          env("SKERRY_IT_CONTAINERD_SOCKET"),
          "namespaces",
          "remove",
          namespace);
      hub.close();
      broker.close();
    }
  }

  @Test
  void sigkillAtRandomMomentsNeverMixesDocumentsNorDoublesContainers() throws Exception {
    System.err.println(
        "AgentCrashIT seed " + seed + " (rerun with -Dskerry.crash.seed=" + seed + ")");
    publishNext(); // the device has something to do from the first start
    startAgent();
    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      long killAfter = 400 + random.nextInt(3000);
      int publishes = 1 + random.nextInt(3);
      for (int i = 0; i < publishes; i++) {
        scheduler.schedule(
            this::publishQuietly, random.nextInt((int) killAfter), TimeUnit.MILLISECONDS);
      }
      Process victim = agent;
      scheduler
          .schedule(() -> victim.destroyForcibly(), killAfter, TimeUnit.MILLISECONDS)
          .get(30, TimeUnit.SECONDS);
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(victim.exitValue()).as("SIGKILL").isEqualTo(137);
      // Publishes scheduled before the kill have all run: the scheduler is single-threaded.
      scheduler.submit(() -> null).get(10, TimeUnit.SECONDS);

      assertStoredDocumentIsExactlyOnePublished(cycle);
      assertAtMostOneContainerPerWorkload(cycle);

      startAgent();
      assertSettlesOnNewest(cycle);
    }
  }

  @Test
  void aCorruptDatabaseAtRestartLeavesContainersRunningAndTakesTheDocumentFromTheHub()
      throws Exception {
    publishNext();
    startAgent();
    assertSettlesOnNewest(0);
    String pidsBefore = runningTasks();

    // A clean stop checkpoints the WAL into agent.db and deletes it; with a WAL left behind,
    // SQLite reads the newest pages (page 1 included) from it and a garbled main file can go
    // unnoticed — and harmlessly so. Here the only copy of the data is damaged.
    agent.destroy();
    assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(dir.resolve("data/agent.db-wal")).doesNotExist();
    byte[] garbage = new byte[32768];
    random.nextBytes(garbage);
    Files.write(dir.resolve("data/agent.db"), garbage);
    startAgent();

    await("the restarted agent reports the recovery")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(
            () -> assertThat(status().get("storeRecovered").get("reason").asText()).isNotBlank());
    assertSettlesOnNewest(1);
    assertThat(runningTasks()).as("the same tasks, never restarted").isEqualTo(pidsBefore);
    try (var files = Files.list(dir.resolve("data"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .anyMatch(n -> n.startsWith("agent.db.corrupt-"));
    }
  }

  /** containerd's task list (ids, pids, states), sorted: equal lists mean untouched tasks. */
  private String runningTasks() {
    return ctr("tasks", "ls").lines().skip(1).sorted().collect(Collectors.joining("\n"));
  }

  private void startAgent() throws IOException {
    apiPort = Mosquitto.freePort();
    agent =
        new ProcessBuilder(
                "java",
                "-Xmx64m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString(),
                "--device-id",
                deviceId,
                "--data-dir",
                dir.resolve("data").toString(),
                "--api-listen",
                "127.0.0.1:" + apiPort,
                "--hub",
                "mqtt://127.0.0.1:" + broker.port(),
                "--containerd-socket",
                env("SKERRY_IT_CONTAINERD_SOCKET"),
                "--namespace",
                namespace,
                "--insecure-registry",
                env("SKERRY_IT_REGISTRY"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()))
            .start();
  }

  /** A document of 1–3 workloads; sometimes a changed command, so containers get replaced. */
  private synchronized void publishNext() throws Exception {
    revision++;
    List<String> names = new ArrayList<>(NAMES);
    java.util.Collections.shuffle(names, random);
    List<DesiredWorkload> workloads = new ArrayList<>();
    for (String name : names.subList(0, 1 + random.nextInt(3))) {
      String generation = String.valueOf(random.nextInt(2));
      WorkloadSpec spec =
          new WorkloadSpec(
              name,
              env("SKERRY_IT_IMAGE"),
              List.of("sleep", "3600"),
              null,
              Map.of("GENERATION", generation),
              "always",
              null,
              null,
              null,
              null);
      workloads.add(new DesiredWorkload("dep-" + name, revision, spec));
    }
    DesiredDocument doc = new DesiredDocument(1, deviceId, revision, Instant.now(), workloads);
    byte[] bytes = WireJson.mapper().writeValueAsBytes(doc);
    published.put(revision, bytes);
    documents.put(revision, doc);
    hub.publish("skerry/v1/devices/" + deviceId + "/desired", bytes, true);
  }

  private void publishQuietly() {
    try {
      publishNext();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private synchronized long newest() {
    return revision;
  }

  private void assertStoredDocumentIsExactlyOnePublished(int cycle) throws Exception {
    Path db = dir.resolve("data/agent.db");
    if (!Files.exists(db)) {
      return; // killed before the store was created
    }
    SQLiteConfig readOnly = new SQLiteConfig();
    readOnly.setReadOnly(true);
    try (Connection c = readOnly.createConnection("jdbc:sqlite:" + db);
        PreparedStatement ps =
            c.prepareStatement("SELECT revision, document FROM desired_document WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return; // killed before the first document was stored
      }
      long stored = rs.getLong(1);
      assertThat(published)
          .as("cycle %d: stored revision %d was published", cycle, stored)
          .containsKey(stored);
      assertThat(rs.getBytes(2))
          .as("cycle %d: the bytes stored with revision %d are that document's", cycle, stored)
          .isEqualTo(published.get(stored));
    } catch (java.sql.SQLException e) {
      if (e.getMessage().contains("no such table")) {
        return; // killed before the first migration committed
      }
      throw e;
    }
  }

  private void assertAtMostOneContainerPerWorkload(int cycle) {
    Map<String, List<String>> byWorkload =
        containerd.list().stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.labels().getOrDefault(ContainerIds.LABEL_WORKLOAD, "?"),
                    TreeMap::new,
                    Collectors.mapping(Container::id, Collectors.toList())));
    byWorkload.forEach(
        (workload, ids) ->
            assertThat(ids).as("cycle %d: containers of %s", cycle, workload).hasSize(1));
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

  private void assertSettlesOnNewest(int cycle) {
    long expected = newest();
    DesiredDocument doc = documents.get(expected);
    await("cycle " + cycle + " settles on revision " + expected)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonNode s = status();
              assertThat(s.get("desiredRevision").asLong()).isEqualTo(expected);
              assertThat(s.get("appliedRevision").asLong()).isEqualTo(expected);
              Map<String, Container> byName =
                  containerd.list().stream()
                      .collect(
                          Collectors.toMap(
                              c -> c.labels().get(ContainerIds.LABEL_WORKLOAD), c -> c));
              assertThat(byName.keySet())
                  .containsExactlyInAnyOrderElementsOf(
                      doc.workloads().stream().map(w -> w.spec().name()).toList());
              for (DesiredWorkload w : doc.workloads()) {
                Container c = byName.get(w.spec().name());
                assertThat(c.task()).isEqualTo(TaskState.RUNNING);
                assertThat(c.labels().get(ContainerIds.LABEL_SPEC_HASH))
                    .isEqualTo(SpecHash.of(w.spec()));
              }
            });
    // The status above counts; containerd must also show no duplicates (toMap would have thrown).
    assertAtMostOneContainerPerWorkload(cycle);
  }

  private String ctr(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of("ctr", "--address", env("SKERRY_IT_CONTAINERD_SOCKET"), "-n", namespace));
    cmd.addAll(List.of(args));
    return run(cmd.toArray(String[]::new));
  }

  private static String run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
