package dev.skerry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.security.IdentityStore.IdentityRecord;
import dev.skerry.hub.security.IdentityStore.TokenRecord;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewalsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;
  private final InMemoryIdentityStore store = new InMemoryIdentityStore();
  private final EnrollmentMetrics metrics = new EnrollmentMetrics();
  private final KeyPair deviceKeys = CertificateIssuer.ecKeyPair();
  private HubPki pki;
  private Renewals renewals;

  @BeforeEach
  void setUp() {
    pki = HubPki.loadOrCreate(dir, List.of("localhost"), "skerry-hub-t", NOW);
    renewals =
        new Renewals(pki, store, Duration.ofDays(90), metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    store.putToken(new TokenRecord("h", NOW.plusSeconds(60), 1, Optional.empty(), Map.of(), NOW));
    store.enroll(
        "h",
        "d1",
        NOW,
        new IdentityRecord(
            "d1",
            "01",
            NOW.plusSeconds(10),
            Optional.of(deviceKeys.getPublic()),
            NOW,
            Optional.empty(),
            List.of()));
  }

  private static byte[] request(KeyPair keys, String cn) throws Exception {
    var csr =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    String pem = Pem.encode("CERTIFICATE REQUEST", csr.getEncoded());
    return WireJson.mapper().writeValueAsBytes(Map.of("v", 1, "csr", pem));
  }

  @Test
  void issuesA90DayCertificateForTheSameKeyAndRecordsIt() throws Exception {
    JsonNode answer = WireJson.mapper().readTree(renewals.answer("d1", request(deviceKeys, "d1")));

    X509Certificate cert = Pem.certificate(answer.get("certificate").asText());
    cert.verify(pki.caCertificate().getPublicKey());
    assertThat(cert.getPublicKey()).isEqualTo(deviceKeys.getPublic());
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
    assertThat(answer.get("expiresAt").asText())
        .isEqualTo(NOW.plus(Duration.ofDays(90)).toString());
    IdentityRecord recorded = store.identity("d1").orElseThrow();
    assertThat(recorded.serial()).isEqualTo(cert.getSerialNumber().toString(16));
    assertThat(recorded.notAfter()).isEqualTo(cert.getNotAfter().toInstant());
    assertThat(recorded.publicKey()).contains(deviceKeys.getPublic());
    assertThat(metrics.counts()).containsEntry("ok", 1L);
  }

  @Test
  void answersAnErrorAndCountsItForAnotherKey() throws Exception {
    JsonNode answer =
        WireJson.mapper()
            .readTree(renewals.answer("d1", request(CertificateIssuer.ecKeyPair(), "d1")));

    assertThat(answer.path("error").path("code").asText()).isEqualTo("key_mismatch");
    assertThat(answer.path("v").asInt()).isEqualTo(1);
    assertThat(store.identity("d1").orElseThrow().serial()).isEqualTo("01");
    assertThat(metrics.counts()).containsEntry("key_mismatch", 1L);
  }

  @Test
  void answersAnErrorForAPayloadWithoutCsr() throws Exception {
    JsonNode answer = WireJson.mapper().readTree(renewals.answer("d1", "nonsense".getBytes()));
    assertThat(answer.path("error").path("code").asText()).isEqualTo("bad_request");
  }

  @Test
  void refusesARevokedDevice() throws Exception {
    store.revoke("d1", NOW);
    JsonNode answer = WireJson.mapper().readTree(renewals.answer("d1", request(deviceKeys, "d1")));
    assertThat(answer.path("error").path("code").asText()).isEqualTo("revoked");
  }
}
