package dev.skerry.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.agent.runtime.ContainerdRuntime;
import dev.skerry.agent.runtime.RuntimeConfig;
import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.tls.Pem;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worst broker: an open Mosquitto (anonymous, every right) between the packaged hub and an
 * enrolled agent. An outsider publishes desired documents straight to the device's topic — one
 * unsigned, one signed by a key of its own, one that claims the hub's key id — and the device runs
 * none of them: real containerd stays empty, and the hub's event list for the device shows each
 * refusal, carried over the same broker by the agent's event outbox.
 */
class ForgedDesiredEndToEndIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String DEVICE = "forged-" + RUN;
  private static final String NAMESPACE = "skerry-e2e-forged-" + RUN;

  @TempDir static Path data;
  private static Process mosquitto;
  private static int mqttPort;
  private static JavaProcess hub;
  private static JavaProcess agent;
  private static HubClient api;
  private static Vertx vertx;
  private static ContainerdRuntime containerd;

  @BeforeAll
  static void startBrokerHubAndAgent() throws Exception {
    mqttPort = TestEnv.freePort();
    startOpenMosquitto();
    int httpPort = TestEnv.freePort();
    int httpsPort = TestEnv.freePort();
    hub =
        JavaProcess.start(
            "hub-forged",
            TestEnv.jar("skerry.hub.jar"),
            List.of("-Xmx256m"),
            List.of(
                "--data-dir",
                data.resolve("hub").toString(),
                "--http-port",
                String.valueOf(httpPort),
                "--https-port",
                String.valueOf(httpsPort),
                "--public-host",
                "127.0.0.1",
                "--mqtt-url",
                "mqtt://127.0.0.1:" + mqttPort));
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
            "agent-forged",
            TestEnv.jar("skerry.agent.jar"),
            List.of("-XX:+UseSerialGC", "-Xmx32m", "-XX:TieredStopAtLevel=1"),
            List.of(
                "--device-id",
                DEVICE,
                "--hub-api",
                "https://127.0.0.1:" + httpsPort,
                "--join-token-file",
                api.joinTokenFile(data.resolve("tokens"), DEVICE).toString(),
                // The open broker: the agent still holds an enrolled identity and pinned keys.
                "--hub",
                "mqtt://127.0.0.1:" + mqttPort,
                "--containerd-socket",
                TestEnv.containerdSocket().toString(),
                "--namespace",
                NAMESPACE,
                "--data-dir",
                data.resolve("agent").toString(),
                "--api-listen",
                "127.0.0.1:" + TestEnv.freePort(),
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
      containerd.list().forEach(c -> containerd.remove(c.id()));
      containerd.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    if (mosquitto != null) {
      mosquitto.destroy();
      mosquitto.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void unsignedAndForgedDocumentsFromAnOutsiderStartNothingAndShowUpAsRefusalsOnTheHub()
      throws Exception {
    await("device enrolled and online")
        .atMost(Duration.ofSeconds(90))
        .failFast("agent exited", () -> !agent.alive())
        .until(() -> api.get("/api/v1/devices/" + DEVICE).body().path("online").asBoolean());

    PublicKey hubKey = Pem.publicKey(Pem.read(data.resolve("hub/pki/signing.pub")));
    KeyPair outsider = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] unsigned = document(7);
    byte[] ownKey = document(8);
    byte[] claimsHubKey = document(9);
    try (Outsider o = new Outsider()) {
      o.publish(unsigned, null);
      o.publish(
          ownKey, DocumentSignature.sign(outsider.getPrivate(), outsider.getPublic(), ownKey));
      // The hub's public key is no secret: its key id is easy to claim, the signature is not.
      o.publish(claimsHubKey, DocumentSignature.sign(outsider.getPrivate(), hubKey, claimsHubKey));
    }

    await("the hub lists the three refusals")
        .atMost(Duration.ofSeconds(60))
        .failFast("agent exited", () -> !agent.alive())
        .untilAsserted(
            () ->
                assertThat(refusals())
                    .anyMatch(m -> m.contains("refused: unsigned"))
                    .anyMatch(m -> m.contains("refused: untrusted-key"))
                    .anyMatch(m -> m.contains("refused: forged")));
    assertThat(containerd.list()).as("containers in " + NAMESPACE).isEmpty();
    JsonNode device = api.get("/api/v1/devices/" + DEVICE).body();
    assertThat(device.path("appliedRevision").asLong()).isZero();
    assertThat(device.path("workloads")).isEmpty();
  }

  private static List<String> refusals() {
    List<String> messages = new ArrayList<>();
    for (JsonNode e :
        api.get("/api/v1/devices/" + DEVICE + "/events?limit=100").body().path("items")) {
      messages.add(e.path("kind").asText() + " " + e.path("message").asText());
    }
    return messages.stream().filter(m -> m.startsWith("error desired document on")).toList();
  }

  /** A well-formed document that would run a container, were it trusted. */
  private static byte[] document(long revision) {
    return ("{\"v\":1,\"deviceId\":\""
            + DEVICE
            + "\",\"revision\":"
            + revision
            + ",\"issuedAt\":\"2026-12-01T00:00:00Z\",\"workloads\":[{\"deployment\":\"evil\","
            + "\"revision\":1,\"spec\":{\"name\":\"evil\",\"image\":\""
            + TestEnv.image()
            + "\",\"command\":[\"sleep\",\"3600\"]}}]}")
        .getBytes(UTF_8);
  }

  private static void startOpenMosquitto() throws Exception {
    Path conf = data.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "listener "
            + mqttPort
            + " 127.0.0.1\nallow_anonymous true\npersistence false\nuser root\n");
    mosquitto =
        new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("mosquitto.log").toFile())
            .start();
    await("mosquitto listening")
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", mqttPort), 200);
                return true;
              }
            });
  }

  /** Anyone on the open broker: no certificate, no password. */
  private static final class Outsider implements AutoCloseable {
    private final MqttClient client;

    Outsider() throws MqttException {
      client =
          new MqttClient("tcp://127.0.0.1:" + mqttPort, "outsider-" + RUN, new MemoryPersistence());
      client.connect(new MqttConnectionOptions());
    }

    void publish(byte[] payload, String signature) throws MqttException {
      MqttMessage m = new MqttMessage(payload);
      m.setQos(1);
      if (signature != null) {
        MqttProperties p = new MqttProperties();
        p.setUserProperties(List.of(new UserProperty(DocumentSignature.PROPERTY, signature)));
        m.setProperties(p);
      }
      client.publish("skerry/v1/devices/" + DEVICE + "/desired", m);
    }

    @Override
    public void close() throws MqttException {
      client.disconnect();
      client.close();
    }
  }
}
