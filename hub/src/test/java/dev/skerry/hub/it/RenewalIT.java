package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate renewal over MQTT against the secure embedded broker (docs/decisions/0010,
 * "Renewal"): a device enrolled over HTTPS asks on its {@code renew} topic with a CSR and gets its
 * answer on {@code certificate}, with its correlation data.
 */
class RenewalIT {
  @TempDir static Path dir;
  static TestHub hub;
  static X509Certificate ca;

  @BeforeAll
  static void start() {
    hub = TestHub.secure(dir);
    ca = hub.hub.pki().caCertificate();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  static TlsContexts.Identity enrolled(String id) throws Exception {
    String token = hub.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
    return EnrollmentClient.enroll(hub, token, id);
  }

  /** Sends {@code csrPem} as {@code id} connected with {@code identity}; the hub's answer. */
  static JsonNode renew(String id, TlsContexts.Identity identity, String csrPem) throws Exception {
    return renew(id, identity, csrPem, null);
  }

  /**
   * As above; first sends the same request naming {@code steerTo} as its response topic, when not
   * null. The hub handles a device's requests in order, so the answer to the second one comes after
   * whatever the first one caused.
   */
  static JsonNode renew(String id, TlsContexts.Identity identity, String csrPem, String steerTo)
      throws Exception {
    return renewVia(hub.brokerUrl(), ca, id, identity, csrPem, steerTo);
  }

  /** As above, through the broker at {@code brokerUrl} whose clients trust {@code trusted}. */
  static JsonNode renewVia(
      String brokerUrl,
      X509Certificate trusted,
      String id,
      TlsContexts.Identity identity,
      String csrPem,
      String steerTo)
      throws Exception {
    BlockingQueue<MqttMessage> answers = new LinkedBlockingQueue<>();
    try (CertDevice d = CertDevice.connect(brokerUrl, id, trusted, identity)) {
      d.client.setCallback(
          new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void messageArrived(String topic, MqttMessage m) {
              answers.add(m);
            }

            @Override
            public void deliveryComplete(IMqttToken t) {}

            @Override
            public void connectComplete(boolean reconnect, String uri) {}

            @Override
            public void authPacketArrived(int code, MqttProperties p) {}
          });
      assertThat(d.subscribe(Topics.certificate(id))).isLessThan(0x80);
      byte[] correlation = ("corr-" + id).getBytes(StandardCharsets.UTF_8);
      if (steerTo != null) {
        MqttMessage steered =
            new MqttMessage(WireJson.mapper().writeValueAsBytes(Map.of("v", 1, "csr", csrPem)));
        steered.setQos(1);
        MqttProperties sp = new MqttProperties();
        sp.setResponseTopic(steerTo);
        sp.setCorrelationData("steered".getBytes(StandardCharsets.UTF_8));
        steered.setProperties(sp);
        d.client.publish(Topics.renew(id), steered).waitForCompletion(10_000);
      }
      MqttMessage m =
          new MqttMessage(WireJson.mapper().writeValueAsBytes(Map.of("v", 1, "csr", csrPem)));
      m.setQos(1);
      MqttProperties props = new MqttProperties();
      props.setResponseTopic(Topics.certificate(id));
      props.setCorrelationData(correlation);
      m.setProperties(props);
      d.client.publish(Topics.renew(id), m).waitForCompletion(10_000);
      MqttMessage answer = answers.poll(15, TimeUnit.SECONDS);
      assertThat(answer).as("an answer on " + Topics.certificate(id)).isNotNull();
      assertThat(answer.isRetained()).isFalse();
      assertThat(answer.getProperties().getCorrelationData()).isEqualTo(correlation);
      return WireJson.mapper().readTree(answer.getPayload());
    }
  }

  static KeyPair keysOf(TlsContexts.Identity identity) {
    return new KeyPair(identity.chain().get(0).getPublicKey(), identity.key());
  }

  @Test
  void aDeviceRenewsWithItsOwnKeyAndConnectsWithTheNewCertificate() throws Exception {
    TlsContexts.Identity old = enrolled("ren-ok");
    X509Certificate oldCert = old.chain().get(0);
    // Certificate times have a resolution of one second: wait into the next one.
    Instant issuedSecond = oldCert.getNotBefore().toInstant().plus(Duration.ofHours(1));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Instant.now().isAfter(issuedSecond.plusSeconds(1)));

    JsonNode answer = renew("ren-ok", old, Csr.pem(keysOf(old), "ren-ok"));

    assertThat(answer.has("error")).as(answer.toString()).isFalse();
    X509Certificate renewed = Pem.certificate(answer.get("certificate").asText());
    renewed.verify(ca.getPublicKey());
    assertThat(renewed.getSubjectX500Principal().getName()).contains("CN=ren-ok");
    assertThat(renewed.getPublicKey()).isEqualTo(oldCert.getPublicKey());
    assertThat(renewed.getNotAfter()).isAfter(oldCert.getNotAfter());
    assertThat(Instant.parse(answer.get("expiresAt").asText()))
        .isEqualTo(renewed.getNotAfter().toInstant());
    assertThat(Duration.between(Instant.now(), renewed.getNotAfter().toInstant()).toDays())
        .isBetween(89L, 90L);
    TlsContexts.Identity fresh = new TlsContexts.Identity(old.key(), List.of(renewed, ca));
    try (CertDevice back = CertDevice.connect(hub.brokerUrl(), "ren-ok", ca, fresh)) {
      assertThat(back.client.isConnected()).isTrue();
    }
    assertThat(metrics()).contains("skerry_hub_renewals_total{result=\"ok\"}");
  }

  @Test
  void refusesACsrForAnotherKey() throws Exception {
    TlsContexts.Identity id = enrolled("ren-key");
    JsonNode answer = renew("ren-key", id, Csr.forId("ren-key").pem());
    assertThat(answer.path("error").path("code").asText()).isEqualTo("key_mismatch");
    assertThat(answer.has("certificate")).isFalse();
    assertThat(metrics()).contains("skerry_hub_renewals_total{result=\"key_mismatch\"}");
  }

  @Test
  void refusesACsrNamingAnotherDevice() throws Exception {
    TlsContexts.Identity id = enrolled("ren-cn");
    JsonNode answer = renew("ren-cn", id, Csr.pem(keysOf(id), "ren-other"));
    assertThat(answer.path("error").path("code").asText()).isEqualTo("device_id_mismatch");
    assertThat(answer.has("certificate")).isFalse();
  }

  @Test
  void aRevokedDeviceCannotEvenAskForRenewal() throws Exception {
    TlsContexts.Identity id = enrolled("ren-rev");
    assertThat(hub.api.post("/api/v1/devices/ren-rev/revoke", "{}").status()).isEqualTo(200);
    assertThatThrownBy(() -> renew("ren-rev", id, Csr.pem(keysOf(id), "ren-rev")))
        .isInstanceOf(MqttException.class);
  }

  @Test
  void neverAnswersOnAResponseTopicOtherThanTheDevicesOwn() throws Exception {
    TlsContexts.Identity id = enrolled("ren-steer");
    try (CertDevice observer =
        CertDevice.connect(
            hub.brokerUrl(),
            "skerry-hub-observer",
            ca,
            CertDevice.issue(hub.hub.pki(), "skerry-hub-observer", "skerry-hub"))) {
      assertThat(observer.subscribe("skerry/v1/devices/victim/#")).isLessThan(0x80);
      JsonNode answer =
          renew("ren-steer", id, Csr.pem(keysOf(id), "ren-steer"), Topics.desired("victim"));
      assertThat(answer.has("certificate")).isTrue();
      assertThat(observer.received).isEmpty();
    }
  }

  static String metrics() throws Exception {
    return metricsOf(hub);
  }

  static String metricsOf(TestHub hub) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
