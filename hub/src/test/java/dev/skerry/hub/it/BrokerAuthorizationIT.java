package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.tls.TlsContexts;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker as the command line starts it: closed to anonymous clients, each device
 * confined to its own subtree and direction (docs/decisions/0010), the hub on its own certificate.
 * The cases shared with Mosquitto are in {@link BrokerAuthorizationSuite}; these are the embedded
 * broker's own (client id = CN, revocation, the hub's link).
 */
class BrokerAuthorizationIT extends BrokerAuthorizationSuite {
  @TempDir static Path dir;
  static TestHub hub;
  static X509Certificate ca;
  static String url;

  @BeforeAll
  static void start() {
    hub = TestHub.secure(dir);
    ca = hub.hub.pki().caCertificate();
    url = hub.brokerUrl();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Override
  String url() {
    return url;
  }

  @Override
  X509Certificate ca() {
    return ca;
  }

  @Override
  TlsContexts.Identity issue(String cn, String ou) {
    return CertDevice.issue(hub.hub.pki(), cn, ou);
  }

  @Override
  String hubCn() {
    return "skerry-hub-observer";
  }

  @Test
  void opensNoPlainListener() {
    assertThatThrownBy(
            () -> CertDevice.connect("mqtt://127.0.0.1:" + hub.mqttPort, "anon", ca, null))
        .isInstanceOf(MqttException.class);
  }

  @Test
  void refusesAClientIdThatIsNotTheCertificatesCn() {
    TlsContexts.Identity a = CertDevice.issue(hub.hub.pki(), "cn-a", "skerry-device");
    assertThatThrownBy(() -> CertDevice.connect(url, "cn-b", ca, a))
        .isInstanceOf(MqttException.class);
  }

  /** The embedded broker refuses the subscription itself (Mosquitto only filters delivery). */
  @Test
  void aDeviceMaySubscribeOnlyToItsOwnTopics() throws Exception {
    try (CertDevice a = device("acl-a")) {
      assertThat(a.subscribe("skerry/v1/devices/acl-a/desired")).isLessThan(0x80);
      assertThat(a.subscribe("skerry/v1/devices/acl-a/commands")).isLessThan(0x80);
      assertThat(a.subscribe("skerry/v1/devices/acl-b/desired")).isGreaterThanOrEqualTo(0x80);
      assertThat(a.subscribe("#")).isGreaterThanOrEqualTo(0x80);
      assertThat(a.subscribe("skerry/v1/devices/+/desired")).isGreaterThanOrEqualTo(0x80);
      assertThat(a.subscribe("skerry/v1/devices/acl-a/#")).isGreaterThanOrEqualTo(0x80);
      assertThat(a.subscribe("skerry/v1/devices/acl-a/reported")).isGreaterThanOrEqualTo(0x80);
    }
  }

  @Test
  void aDeviceCannotShareSubscribeItsOwnDesired() throws Exception {
    try (CertDevice a = device("share-a")) {
      assertThat(a.subscribe("$share/g/skerry/v1/devices/share-a/desired"))
          .isGreaterThanOrEqualTo(0x80);
    }
  }

  @Test
  void theHubsOwnLinkUsesItsCertificateAndReceivesDeviceMessages() throws Exception {
    try (CertDevice a = device("link-1")) {
      a.publish(
          "skerry/v1/devices/link-1/presence",
          "{\"v\":1,\"deviceId\":\"link-1\",\"state\":\"online\",\"epoch\":1,\"agentVersion\":\"t\"}",
          true);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> hub.api.get("/api/v1/devices/link-1").status() == 200);
    }
  }

  @Test
  void aRevokedDeviceIsDisconnectedAndCannotReconnect() throws Exception {
    String token = hub.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
    // Enrol so the hub records the identity, then connect with the issued certificate.
    TlsContexts.Identity id = EnrollmentClient.enroll(hub, token, "rev-1");
    CertDevice d = CertDevice.connect(url, "rev-1", ca, id);
    assertThat(hub.api.post("/api/v1/devices/rev-1/revoke", "{}").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> d.disconnected);
    d.close();
    assertThatThrownBy(() -> CertDevice.connect(url, "rev-1", ca, id))
        .isInstanceOf(MqttException.class);
    assertThat(hub.api.post("/api/v1/devices/nobody/revoke", "{}").status()).isEqualTo(404);

    // A new join token re-issues the identity; the old certificate stays refused.
    String again = hub.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
    TlsContexts.Identity fresh = EnrollmentClient.enroll(hub, again, "rev-1");
    try (CertDevice back = CertDevice.connect(url, "rev-1", ca, fresh)) {
      assertThat(back.client.isConnected()).isTrue();
    }
    assertThatThrownBy(() -> CertDevice.connect(url, "rev-1", ca, id))
        .isInstanceOf(MqttException.class);
  }
}
