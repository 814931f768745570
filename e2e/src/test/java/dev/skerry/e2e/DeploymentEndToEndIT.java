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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton, end to end: the packaged hub (embedded broker, SQLite) and agent jars run
 * as processes; a deployment applied over REST runs as a container in a real containerd, pulled
 * from a real registry, and goes away when the deployment is deleted.
 */
class DeploymentEndToEndIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String DEVICE = "e2e-" + RUN;
  private static final String NAMESPACE = "skerry-e2e-" + RUN;

  @TempDir static Path data;
  private static JavaProcess hub;
  private static JavaProcess agent;
  private static HubClient api;
  private static Vertx vertx;
  private static ContainerdRuntime containerd;

  @BeforeAll
  static void startHubAndAgent() throws Exception {
    int httpPort = TestEnv.freePort();
    int httpsPort = TestEnv.freePort();
    int mqttPort = TestEnv.freePort();
    int agentApiPort = TestEnv.freePort();
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

    agent =
        JavaProcess.start(
            "agent",
            TestEnv.jar("skerry.agent.jar"),
            List.of("-XX:+UseSerialGC", "-Xmx32m", "-XX:TieredStopAtLevel=1"),
            List.of(
                "--device-id",
                DEVICE,
                "--hub-api",
                "https://127.0.0.1:" + httpsPort,
                "--join-token-file",
                api.joinTokenFile(data.resolve("tokens"), DEVICE).toString(),
                "--labels",
                "e2e=" + RUN + ",arch=amd64",
                "--containerd-socket",
                TestEnv.containerdSocket().toString(),
                "--namespace",
                NAMESPACE,
                "--data-dir",
                data.resolve("agent").toString(),
                "--api-listen",
                "127.0.0.1:" + agentApiPort,
                "--insecure-registry",
                TestEnv.registry()));

    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    containerd =
        new ContainerdRuntime(
            vertx,
            new RuntimeConfig(
                TestEnv.containerdSocket(),
                NAMESPACE,
                data.resolve("observer"),
                Set.of(TestEnv.registry()),
                RuntimeConfig.Platform.current(),
                List.of()));
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (containerd != null) {
      for (Container c : containerd.list()) {
        containerd.remove(c.id());
      }
      containerd.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  void deploymentAppliedOnTheHubRunsOnTheDeviceAndIsRemovedWhenDeleted() {
    await("device registered and online")
        .atMost(Duration.ofSeconds(60))
        .failFast("agent exited", () -> !agent.alive())
        .until(
            () -> {
              HubClient.Response r = api.get("/api/v1/devices/" + DEVICE);
              return r.status() == 200 && r.body().path("online").asBoolean();
            });

    long appliedAt = System.nanoTime();
    HubClient.Response applied =
        api.put(
            "/api/v1/deployments/e2e-web",
            """
            {"name":"e2e-web",
             "selector":{"matchLabels":{"e2e":"%s"}},
             "workloads":[{"name":"web","image":"%s","command":["sleep","3600"]}]}
            """
                .formatted(RUN, TestEnv.image()));
    assertThat(applied.status()).as(applied.body().toString()).isEqualTo(200);
    assertThat(applied.body().path("revision").asLong()).isEqualTo(1);

    await("hub shows the workload running")
        .atMost(Duration.ofSeconds(90))
        .failFast("agent exited", () -> !agent.alive())
        .until(() -> "running".equals(workloadOnHub("web").path("state").asText()));
    System.out.printf(
        "e2e: PUT to running on the hub took %d ms%n", (System.nanoTime() - appliedAt) / 1_000_000);

    List<Container> containers = containerd.list();
    assertThat(containers).hasSize(1);
    Container web = containers.get(0);
    assertThat(web.task()).isEqualTo(Container.TaskState.RUNNING);
    assertThat(web.labels())
        .containsEntry("skerry.workload", "web")
        .containsEntry("skerry.revision", "1");
    assertThat(workloadOnHub("web").path("imageDigest").asText()).startsWith("sha256:");

    assertThat(api.delete("/api/v1/deployments/e2e-web").status()).isIn(200, 204);

    await("container gone from containerd")
        .atMost(Duration.ofSeconds(60))
        .until(() -> containerd.list().isEmpty());
    await("hub shows no workload")
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/devices/" + DEVICE).body().path("workloads").isEmpty());
  }

  private static JsonNode workloadOnHub(String name) {
    for (JsonNode w : api.get("/api/v1/devices/" + DEVICE).body().path("workloads")) {
      if (name.equals(w.path("name").asText())) {
        return w;
      }
    }
    return api.get("/api/v1/devices/" + DEVICE).body().path("missing");
  }
}
