package dev.skerry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.core.tls.Pem;
import dev.skerry.hub.security.ExpiredRenewals.Issued;
import dev.skerry.hub.security.ExpiredRenewals.Pending;
import dev.skerry.hub.security.ExpiredRenewals.Refused;
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

/** Renewal of an expired certificate over HTTPS: held until approved, refused clearly. */
class ExpiredRenewalsTest {
  private static final Instant ENROLLED = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;
  private final InMemoryIdentityStore store = new InMemoryIdentityStore();
  private final EnrollmentMetrics metrics = new EnrollmentMetrics();
  private final KeyPair keys = CertificateIssuer.ecKeyPair();
  private HubPki pki;
  private ExpiredRenewals renewals;
  private String expired;

  @BeforeEach
  void setUp() {
    pki = HubPki.loadOrCreate(dir.resolve("pki"), List.of("localhost"), "skerry-hub-t", ENROLLED);
    renewals =
        new ExpiredRenewals(
            pki, store, Duration.ofDays(90), metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    X509Certificate old = pki.issueDevice("d1", keys.getPublic(), ENROLLED, Duration.ofDays(30));
    expired = Pem.encode(old);
    store.putToken(new TokenRecord("h", NOW, 1, Optional.empty(), Map.of(), ENROLLED));
    store.enroll(
        "h",
        "d1",
        ENROLLED,
        new IdentityRecord(
            "d1",
            old.getSerialNumber().toString(16),
            old.getNotAfter().toInstant(),
            Optional.of(keys.getPublic()),
            ENROLLED,
            Optional.empty(),
            List.of()));
  }

  static String csr(KeyPair keys, String cn) throws Exception {
    var csr =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    return Pem.encode("CERTIFICATE REQUEST", csr.getEncoded());
  }

  private String refusal(String csrPem, String certificate) {
    try {
      renewals.request(csrPem, certificate);
    } catch (Refused e) {
      return e.status() + " " + e.code();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void holdsTheRequestUntilAnOperatorApprovesItThenHandsOutTheCertificate() throws Exception {
    assertThat(renewals.request(csr(keys, "d1"), expired)).isEqualTo(new Pending("d1"));
    assertThat(renewals.request(csr(keys, "d1"), expired)).isEqualTo(new Pending("d1"));
    assertThat(renewals.pending()).extracting(r -> r.deviceId()).containsExactly("d1");
    assertThat(store.identity("d1").orElseThrow().notAfter()).isBefore(NOW);

    Issued approved = renewals.approve("d1");
    var polled = renewals.request(csr(keys, "d1"), expired);

    assertThat(polled).isEqualTo(approved);
    X509Certificate cert = Pem.certificate(approved.certificate());
    cert.verify(pki.caCertificate().getPublicKey());
    assertThat(cert.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(approved.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(90)));
    assertThat(store.identity("d1").orElseThrow().serial())
        .isEqualTo(cert.getSerialNumber().toString(16));
    assertThat(renewals.pending()).isEmpty();
    assertThat(metrics.counts()).containsEntry("pending", 1L).containsEntry("approved", 1L);
  }

  @Test
  void refusesACertificateOfAnotherCa() throws Exception {
    HubPki other =
        HubPki.loadOrCreate(dir.resolve("other"), List.of("localhost"), "skerry-hub-o", ENROLLED);
    String foreign =
        Pem.encode(other.issueDevice("d1", keys.getPublic(), ENROLLED, Duration.ofDays(1)));

    assertThat(refusal(csr(keys, "d1"), foreign)).isEqualTo("403 other_ca");
    assertThat(metrics.counts()).containsEntry("other_ca", 1L);
  }

  @Test
  void refusesARevokedDevice() throws Exception {
    store.revoke("d1", NOW);
    assertThat(refusal(csr(keys, "d1"), expired)).isEqualTo("403 revoked");
    assertThat(renewals.pending()).isEmpty();
  }

  @Test
  void refusesAnUnknownDevice() throws Exception {
    KeyPair stranger = CertificateIssuer.ecKeyPair();
    String cert =
        Pem.encode(pki.issueDevice("ghost", stranger.getPublic(), ENROLLED, Duration.ofDays(1)));
    assertThat(refusal(csr(stranger, "ghost"), cert)).isEqualTo("404 not_enrolled");
  }

  @Test
  void refusesACsrForAnotherKeyThanTheCertificates() throws Exception {
    assertThat(refusal(csr(CertificateIssuer.ecKeyPair(), "d1"), expired))
        .isEqualTo("403 key_mismatch");
  }

  @Test
  void refusesAnOldKeyTheHubNoLongerHasOnRecord() throws Exception {
    KeyPair replaced = CertificateIssuer.ecKeyPair();
    String stale =
        Pem.encode(pki.issueDevice("d1", replaced.getPublic(), ENROLLED, Duration.ofDays(1)));
    assertThat(refusal(csr(replaced, "d1"), stale)).isEqualTo("403 key_mismatch");
  }

  @Test
  void refusesACsrNamingAnotherDeviceAndUnreadableInput() throws Exception {
    assertThat(refusal(csr(keys, "d2"), expired)).isEqualTo("403 device_id_mismatch");
    assertThat(refusal("nonsense", expired)).isEqualTo("400 bad_csr");
    assertThat(refusal(csr(keys, "d1"), "nonsense")).isEqualTo("400 bad_certificate");
    assertThat(refusal(csr(keys, "d1"), null)).isEqualTo("400 bad_certificate");
  }

  @Test
  void approvingWithoutAPendingRequestOrAfterRevocationIssuesNothing() throws Exception {
    assertThatThrownBy(() -> renewals.approve("d1"))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.status()).isEqualTo(404));

    renewals.request(csr(keys, "d1"), expired);
    store.revoke("d1", NOW);

    assertThatThrownBy(() -> renewals.approve("d1"))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo("revoked"));
    assertThat(store.identity("d1").orElseThrow().notAfter()).isBefore(NOW);
  }
}
