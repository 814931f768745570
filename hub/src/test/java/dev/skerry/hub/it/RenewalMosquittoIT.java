package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.hub.app.ClientIds;
import dev.skerry.hub.it.BrokerAuthorizationMosquittoIT.MosquittoDocConfig;
import dev.skerry.hub.security.HubPki;
import dev.skerry.testsupport.OwnMosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewal over MQTT behind Mosquitto configured with docs/security.md's own text, its certificates
 * from the hub's PKI: the hub never sees the device's TLS connection, and still renews, deciding on
 * the key it has on record (decision 0012).
 */
class RenewalMosquittoIT {
  @TempDir static Path dir;
  static OwnMosquitto broker;
  static TestHub hub;
  static X509Certificate ca;

  @BeforeAll
  static void start() throws Exception {
    Path data = dir.resolve("hub");
    String hubCn = ClientIds.forDataDir(data);
    // The hub's PKI first, so Mosquitto can trust its CA and name its client in the acl.
    HubPki pki =
        HubPki.loadOrCreate(
            data.resolve("pki"), List.of("localhost", "127.0.0.1"), hubCn, Instant.now());
    ca = pki.caCertificate();
    Path conf = Files.createDirectories(dir.resolve("mosquitto"));
    for (String f : List.of("ca.crt", "server.crt", "server.key")) {
      Files.copy(data.resolve("pki").resolve(f), conf.resolve(f));
    }
    // The documented crlfile (the hub writes its own at start; Mosquitto starts first here).
    Files.writeString(
        conf.resolve("crl.pem"), pki.crl(List.of(), Instant.now(), java.time.Duration.ofDays(1)));
    List<String> blocks = MosquittoDocConfig.blocks(MosquittoDocConfig.securityDoc());
    String acl = blocks.get(1);
    Files.writeString(conf.resolve("acl"), acl.replace(MosquittoDocConfig.hubUser(acl), hubCn));
    broker =
        OwnMosquitto.start(
            conf, true, port -> MosquittoDocConfig.forTest(blocks.get(0), conf, port));
    hub = TestHub.external(data, broker.url(), data.resolve("pki").resolve("ca.crt"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  static TlsContexts.Identity enrolled(String id) throws Exception {
    String token = hub.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
    return EnrollmentClient.enroll(hub, token, id);
  }

  @Test
  void renewsForTheKeyOnRecordWithoutSeeingTheDevicesConnection() throws Exception {
    TlsContexts.Identity old = enrolled("mq-ren");
    X509Certificate oldCert = old.chain().get(0);

    JsonNode answer =
        RenewalIT.renewVia(
            broker.url(), ca, "mq-ren", old, Csr.pem(RenewalIT.keysOf(old), "mq-ren"), null);

    assertThat(answer.has("error")).as(answer.toString()).isFalse();
    X509Certificate renewed = Pem.certificate(answer.get("certificate").asText());
    renewed.verify(ca.getPublicKey());
    assertThat(renewed.getPublicKey()).isEqualTo(oldCert.getPublicKey());
    assertThat(renewed.getSerialNumber()).isNotEqualTo(oldCert.getSerialNumber());
    TlsContexts.Identity fresh = new TlsContexts.Identity(old.key(), List.of(renewed, ca));
    try (CertDevice back = CertDevice.connect(broker.url(), "mq-ren", ca, fresh)) {
      assertThat(back.client.isConnected()).isTrue();
    }
  }

  @Test
  void refusesACsrForAnotherKeyBehindMosquittoToo() throws Exception {
    TlsContexts.Identity id = enrolled("mq-key");

    JsonNode answer =
        RenewalIT.renewVia(broker.url(), ca, "mq-key", id, Csr.forId("mq-key").pem(), null);

    assertThat(answer.path("error").path("code").asText()).isEqualTo("key_mismatch");
    assertThat(answer.has("certificate")).isFalse();
  }
}
