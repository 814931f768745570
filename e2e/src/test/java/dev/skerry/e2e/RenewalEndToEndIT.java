package dev.skerry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.tls.Pem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate renewal with the packaged jars (decisions 0010 and 0012): a hub with the secure
 * embedded broker issuing one-minute device certificates ({@code --device-cert-lifetime PT1M}) and
 * real agents enrolled over HTTPS. One renews over MQTT while running; the other is stopped until
 * its certificate expired, comes back refused by the broker, asks over HTTPS, and is online again
 * once an operator approved it, without a restart.
 */
class RenewalEndToEndIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @TempDir static Path data;
  private static JavaProcess hub;
  private static HubClient api;
  private static int httpsPort;
  private final List<JavaProcess> agents = new ArrayList<>();

  @BeforeAll
  static void startHub() throws Exception {
    int httpPort = TestEnv.freePort();
    httpsPort = TestEnv.freePort();
    hub =
        JavaProcess.start(
            "hub-renewal",
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
                String.valueOf(TestEnv.freePort()),
                "--public-host",
                "127.0.0.1",
                "--device-cert-lifetime",
                "PT1M"));
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
  static void stopHub() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  @AfterEach
  void stopAgents() throws Exception {
    for (JavaProcess a : agents) {
      a.close();
    }
  }

  private JavaProcess agent(String device) throws Exception {
    JavaProcess a =
        JavaProcess.start(
            "agent-" + device,
            TestEnv.jar("skerry.agent.jar"),
            List.of("-XX:+UseSerialGC", "-Xmx32m", "-XX:TieredStopAtLevel=1"),
            List.of(
                "--device-id",
                device,
                "--hub-api",
                "https://127.0.0.1:" + httpsPort,
                "--join-token-file",
                tokenFile(device).toString(),
                "--containerd-socket",
                TestEnv.containerdSocket().toString(),
                "--namespace",
                "skerry-e2e-" + device,
                "--data-dir",
                data.resolve(device).toString(),
                "--api-listen",
                "127.0.0.1:" + TestEnv.freePort()));
    agents.add(a);
    return a;
  }

  private Path tokenFile(String device) throws Exception {
    Path file = data.resolve("tokens").resolve(device + ".token");
    return Files.exists(file) ? file : api.joinTokenFile(data.resolve("tokens"), device);
  }

  private static X509Certificate certificate(String device) {
    Path crt = data.resolve(device).resolve("identity").resolve("device.crt");
    return Files.isRegularFile(crt) ? Pem.certificate(Pem.read(crt)) : null;
  }

  private static boolean online(String device) {
    HubClient.Response r = api.get("/api/v1/devices/" + device);
    return r.status() == 200 && r.body().path("online").asBoolean(false);
  }

  @Test
  void aRunningAgentRenewsOverMqttAndStaysOnlineWithTheNewCertificate() throws Exception {
    String device = "renew-mqtt-" + RUN;
    JavaProcess agent = agent(device);
    await("enrolled and online")
        .atMost(Duration.ofSeconds(60))
        .failFast("agent exited", () -> !agent.alive())
        .until(() -> certificate(device) != null && online(device));
    X509Certificate first = certificate(device);
    assertThat(Duration.between(Instant.now(), first.getNotAfter().toInstant()))
        .isLessThanOrEqualTo(Duration.ofMinutes(1));

    await("renewed over MQTT before the first certificate expired")
        .atMost(Duration.between(Instant.now(), first.getNotAfter().toInstant()))
        .pollInterval(Duration.ofMillis(500))
        .failFast("agent exited", () -> !agent.alive())
        .until(() -> !certificate(device).getSerialNumber().equals(first.getSerialNumber()));
    X509Certificate renewed = certificate(device);
    assertThat(renewed.getPublicKey()).isEqualTo(first.getPublicKey());
    assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());

    // Past the first certificate's expiry the agent is connected with the renewed one.
    await("the first certificate expired")
        .atMost(Duration.ofSeconds(70))
        .until(() -> Instant.now().isAfter(first.getNotAfter().toInstant().plusSeconds(3)));
    assertThat(agent.alive()).as(agent.tail()).isTrue();
    await("online with the renewed certificate")
        .atMost(Duration.ofSeconds(20))
        .until(() -> online(device));
    assertThat(api.get("/api/v1/renewals").body().path("items")).isEmpty();
  }

  @Test
  void anAgentOfflinePastExpiryIsOnlineAgainOnceAnOperatorApprovedItsRenewal() throws Exception {
    String device = "renew-https-" + RUN;
    JavaProcess first = agent(device);
    await("enrolled and online")
        .atMost(Duration.ofSeconds(60))
        .failFast("agent exited", () -> !first.alive())
        .until(() -> certificate(device) != null && online(device));
    first.close(); // offline before it would renew
    X509Certificate expired = certificate(device);
    await("the certificate expired while the device was offline")
        .atMost(Duration.ofSeconds(90))
        .until(() -> Instant.now().isAfter(expired.getNotAfter().toInstant().plusSeconds(1)));

    JavaProcess again = agent(device);
    await("a pending renewal on the hub")
        .atMost(Duration.ofSeconds(60))
        .failFast("agent exited", () -> !again.alive())
        .until(() -> pending(device) != null);
    JsonNode request = pending(device);
    assertThat(request.path("oldSerial").asText())
        .isEqualTo(expired.getSerialNumber().toString(16));
    assertThat(online(device)).isFalse();
    assertThat(certificate(device).getSerialNumber()).isEqualTo(expired.getSerialNumber());

    HubClient.Response approved = api.post("/api/v1/renewals/" + device + "/approve");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);

    await("online again with a new certificate, without a restart")
        .atMost(Duration.ofSeconds(60))
        .failFast("agent exited", () -> !again.alive())
        .until(
            () ->
                !certificate(device).getSerialNumber().equals(expired.getSerialNumber())
                    && online(device));
    assertThat(certificate(device).getPublicKey()).isEqualTo(expired.getPublicKey());
    assertThat(pending(device)).isNull();
    assertThat(api.post("/api/v1/renewals/" + device + "/approve").status()).isEqualTo(404);
  }

  private static JsonNode pending(String device) {
    for (JsonNode r : api.get("/api/v1/renewals").body().path("items")) {
      if (r.path("deviceId").asText().equals(device)) {
        return r;
      }
    }
    return null;
  }
}
