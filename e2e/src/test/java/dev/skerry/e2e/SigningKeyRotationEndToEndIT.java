package dev.skerry.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.runtime.ContainerdRuntime;
import dev.skerry.agent.runtime.RuntimeConfig;
import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.wire.Topics;
import dev.skerry.testsupport.TestCa;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing-key rotation with the packaged hub and an enrolled agent as processes, a real containerd
 * and the hub's embedded broker over mutual TLS: the agent pins the new key, keeps applying
 * deployments signed by it, refuses a document signed by the retired key, and keeps the new pin
 * across a restart.
 */
class SigningKeyRotationEndToEndIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String DEVICE = "rot-" + RUN;
  private static final String NAMESPACE = "skerry-e2e-rot-" + RUN;

  @TempDir static Path data;
  private static JavaProcess hub;
  private static JavaProcess agent;
  private static HubClient api;
  private static Vertx vertx;
  private static ContainerdRuntime containerd;
  private static int mqttPort;
  private static List<String> agentArgs;

  @BeforeAll
  static void startHubAndAgent() throws Exception {
    int httpPort = TestEnv.freePort();
    int httpsPort = TestEnv.freePort();
    mqttPort = TestEnv.freePort();
    hub =
        JavaProcess.start(
            "hub-rotation",
            TestEnv.jar("skerry.hub.jar"),
            List.of("-Xmx512m"),
            List.of(
                "--data-dir",
                data.resolve("hub").toString(),
                "--http-port",
                String.valueOf(httpPort),
                "--embedded-mqtt-host",
                "127.0.0.1",
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
    agentArgs =
        List.of(
            "--device-id",
            DEVICE,
            "--hub-api",
            "https://127.0.0.1:" + httpsPort,
            "--join-token-file",
            api.joinTokenFile(data.resolve("tokens"), DEVICE).toString(),
            "--labels",
            "e2e=" + RUN,
            "--containerd-socket",
            TestEnv.containerdSocket().toString(),
            "--namespace",
            NAMESPACE,
            "--data-dir",
            data.resolve("agent").toString(),
            "--api-listen",
            "127.0.0.1:" + TestEnv.freePort(),
            "--insecure-registry",
            TestEnv.registry());
    agent = startAgent();
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

  private static JavaProcess startAgent() {
    return JavaProcess.start(
        "agent-rotation",
        TestEnv.jar("skerry.agent.jar"),
        List.of("-XX:+UseSerialGC", "-Xmx32m", "-XX:TieredStopAtLevel=1"),
        agentArgs);
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
  void theAgentPinsTheNewKeyKeepsApplyingDeploymentsAndRefusesTheRetiredKey() throws Exception {
    await("device online")
        .atMost(Duration.ofSeconds(60))
        .failFast("agent exited", () -> !agent.alive())
        .until(() -> api.get("/api/v1/devices/" + DEVICE).body().path("online").asBoolean());
    apply("one");
    awaitRunning("one");
    Path pki = data.resolve("hub/pki");
    String oldKey = Files.readString(pki.resolve("signing.pub"));
    assertThat(pinned()).containsExactly(Pem.publicKey(oldKey));

    HubClient.Response rotated = api.post("/api/v1/signing-keys/rotate", "{\"graceSeconds\":600}");
    assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(202);
    assertThat(rotated.body().path("rotating").asBoolean()).isTrue();
    assertThat(rotated.body().path("devicesInRotation").asInt()).isEqualTo(1);
    HubClient.Response again = api.post("/api/v1/signing-keys/rotate", "{}");
    assertThat(again.status()).isEqualTo(409);

    await("the device acknowledged and the old key retired")
        .atMost(Duration.ofSeconds(60))
        .until(() -> !api.get("/api/v1/signing-keys").body().path("rotating").asBoolean());
    JsonNode status = api.get("/api/v1/signing-keys").body();
    assertThat(status.path("devicesNeedingOldKey").asInt()).isZero();
    String newKeyId = null;
    for (JsonNode k : status.path("keys")) {
      if ("active".equals(k.path("state").asText())) {
        newKeyId = k.path("keyId").asText();
      } else {
        assertThat(k.path("state").asText()).isEqualTo("retired");
      }
    }
    assertThat(newKeyId).isNotNull();
    Path newPub = pki.resolve("signing-" + newKeyId + ".pub");
    assertThat(Files.getPosixFilePermissions(pki.resolve("signing-" + newKeyId + ".key")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    var newKey = Pem.publicKey(Files.readString(newPub));
    await("the agent pins only the new key")
        .atMost(Duration.ofSeconds(30))
        .until(() -> pinned().equals(List.of(newKey)));

    apply("two");
    awaitRunning("two");

    long held = api.get("/api/v1/devices/" + DEVICE).body().path("desiredRevision").asLong();
    // No workloads: acted on, it would remove web.
    publishSignedByRetiredKey(held + 10);
    await("the agent refuses the retired key's document")
        .atMost(Duration.ofSeconds(30))
        .until(() -> events().contains("untrusted-key"));
    awaitRunning("two");

    agent.close();
    agent = startAgent();
    await("the agent is back")
        .atMost(Duration.ofSeconds(60))
        .failFast("agent exited", () -> !agent.alive())
        .until(() -> api.get("/api/v1/devices/" + DEVICE).body().path("online").asBoolean());
    assertThat(pinned()).containsExactly(newKey);
    apply("three");
    awaitRunning("three");
  }

  private static void apply(String tag) {
    HubClient.Response r =
        api.put(
            "/api/v1/deployments/rot-web",
            """
            {"name":"rot-web",
             "selector":{"matchLabels":{"e2e":"%s"}},
             "workloads":[{"name":"web","image":"%s","command":["sleep","3600"],
                           "env":{"TAG":"%s"}}]}
            """
                .formatted(RUN, TestEnv.image(), tag));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
  }

  /** The hub shows web running at the deployment's newest revision. */
  private static void awaitRunning(String tag) {
    long revision = api.get("/api/v1/deployments/rot-web").body().path("revision").asLong();
    await("web " + tag + " running")
        .atMost(Duration.ofSeconds(90))
        .failFast("agent exited", () -> !agent.alive())
        .until(
            () -> {
              for (Container c : containerd.list()) {
                if (c.task() == Container.TaskState.RUNNING
                    && String.valueOf(revision).equals(c.labels().get("skerry.revision"))) {
                  return true;
                }
              }
              return false;
            });
  }

  private static List<java.security.PublicKey> pinned() throws Exception {
    return Pem.blocks(Files.readString(data.resolve("agent/identity/signing-keys.pem"))).stream()
        .map(b -> Pem.publicKey(b.der()))
        .toList();
  }

  private static String events() {
    return api.get("/api/v1/devices/" + DEVICE + "/events").body().toString();
  }

  /**
   * What someone holding the retired key could send: a valid signature by it, through a client of
   * the hub's own CA with the hub's rights.
   */
  private static void publishSignedByRetiredKey(long revision) throws Exception {
    Path pki = data.resolve("hub/pki");
    TestCa ca =
        TestCa.of(
            Pem.certificate(Files.readString(pki.resolve("ca.crt"))),
            Pem.privateKey(Files.readString(pki.resolve("ca.key"))));
    String clientId = "skerry-hub-e2e-" + RUN;
    MqttAsyncClient c =
        new MqttAsyncClient("ssl://127.0.0.1:" + mqttPort, clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(ca.clientContext(ca.client(clientId, "skerry-hub")).getSocketFactory());
    c.connect(o).waitForCompletion(10_000);
    String doc =
        "{\"v\":1,\"deviceId\":\""
            + DEVICE
            + "\",\"revision\":"
            + revision
            + ",\"issuedAt\":\"2026-12-01T00:00:00Z\",\"workloads\":[]}";
    var retired = Pem.privateKey(Files.readString(pki.resolve("signing.key")));
    var retiredPub = Pem.publicKey(Files.readString(pki.resolve("signing.pub")));
    MqttMessage m = new MqttMessage(doc.getBytes(UTF_8));
    m.setQos(1);
    MqttProperties p = new MqttProperties();
    p.setUserProperties(
        List.of(
            new UserProperty(
                DocumentSignature.PROPERTY,
                DocumentSignature.sign(retired, retiredPub, doc.getBytes(UTF_8)))));
    m.setProperties(p);
    c.publish(Topics.desired(DEVICE), m).waitForCompletion(10_000);
    c.disconnect().waitForCompletion(5000);
    c.close(true);
  }
}
