package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.tls.TlsContexts;
import dev.skerry.hub.it.BrokerAuthorizationMosquittoIT.MosquittoDocConfig;
import dev.skerry.testsupport.OwnMosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation with Mosquitto: the documented configuration (docs/security.md, read out of the file)
 * pointed at the hub's own {@code pki/} directory, so Mosquitto checks the hub's live {@code
 * crl.pem}; after a revocation and the documented reload, the revoked device's certificate is
 * refused while another device's still connects.
 */
class MosquittoRevocationIT {
  @TempDir Path dir;

  @Test
  void aRevokedDeviceCannotConnectAfterTheDocumentedReloadWhileAnotherStillCan() throws Exception {
    try (TestHub hub = TestHub.secure(dir.resolve("hub"))) {
      Path pki = dir.resolve("hub/pki");
      assertThat(pki.resolve("crl.pem")).exists();
      List<String> blocks = MosquittoDocConfig.blocks(MosquittoDocConfig.securityDoc());
      Files.writeString(pki.resolve("acl"), blocks.get(1));
      X509Certificate ca = hub.hub.pki().caCertificate();
      TlsContexts.Identity a = enrolled(hub, "crl-a");
      TlsContexts.Identity b = enrolled(hub, "crl-b");
      Path mosquittoDir = Files.createDirectories(dir.resolve("mosquitto"));
      try (OwnMosquitto broker =
          OwnMosquitto.start(
              mosquittoDir, true, port -> MosquittoDocConfig.forTest(blocks.get(0), pki, port))) {
        CertDevice.connect(broker.url(), "crl-a", ca, a).close();
        CertDevice.connect(broker.url(), "crl-b", ca, b).close();

        assertThat(hub.api.post("/api/v1/devices/crl-a/revoke", "{}").status()).isEqualTo(200);
        broker.reload();

        // The log line comes just before the reload: the first attempt may still get in.
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  try {
                    CertDevice.connect(broker.url(), "crl-a", ca, a).close();
                    return false;
                  } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                    return true;
                  }
                });
        assertThatThrownBy(() -> CertDevice.connect(broker.url(), "crl-a", ca, a).close())
            .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
        CertDevice.connect(broker.url(), "crl-b", ca, b).close();
      }
    }
  }

  private static TlsContexts.Identity enrolled(TestHub hub, String id) throws Exception {
    String token = hub.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
    return EnrollmentClient.enroll(hub, token, id);
  }
}
