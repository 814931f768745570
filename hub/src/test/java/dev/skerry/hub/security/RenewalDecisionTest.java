package dev.skerry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.tls.Pem;
import dev.skerry.hub.security.IdentityStore.IdentityRecord;
import dev.skerry.hub.security.RenewalDecision.Grant;
import dev.skerry.hub.security.RenewalDecision.Refuse;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class RenewalDecisionTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final KeyPair KEYS = CertificateIssuer.ecKeyPair();
  private static final Optional<PublicKey> CURRENT = Optional.of(KEYS.getPublic());
  private static final Optional<IdentityRecord> ENROLLED =
      Optional.of(new IdentityRecord("d1", "ab", NOW, CURRENT, NOW, Optional.empty(), List.of()));

  private static String csr(KeyPair keys, String cn) throws Exception {
    var csr =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    return Pem.encode("CERTIFICATE REQUEST", csr.getEncoded());
  }

  private static String code(RenewalDecision.Verdict v) {
    assertThat(v).isInstanceOf(Refuse.class);
    return ((Refuse) v).code();
  }

  @Test
  void grantsACsrForTheSameKeyAndName() throws Exception {
    RenewalDecision.Verdict v = RenewalDecision.decide("d1", csr(KEYS, "d1"), ENROLLED);
    assertThat(v).isEqualTo(new Grant("d1", KEYS.getPublic()));
  }

  @Test
  void refusesACsrForAnotherKey() throws Exception {
    String other = csr(CertificateIssuer.ecKeyPair(), "d1");
    assertThat(code(RenewalDecision.decide("d1", other, ENROLLED))).isEqualTo("key_mismatch");
  }

  @Test
  void refusesACsrNamingAnotherDevice() throws Exception {
    assertThat(code(RenewalDecision.decide("d1", csr(KEYS, "d2"), ENROLLED)))
        .isEqualTo("device_id_mismatch");
  }

  @Test
  void refusesARevokedDevice() throws Exception {
    Optional<IdentityRecord> revoked =
        Optional.of(
            new IdentityRecord("d1", "ab", NOW, CURRENT, NOW, Optional.of(NOW), List.of("ab")));
    assertThat(code(RenewalDecision.decide("d1", csr(KEYS, "d1"), revoked))).isEqualTo("revoked");
  }

  @Test
  void refusesADeviceThatIsNotEnrolled() throws Exception {
    assertThat(code(RenewalDecision.decide("d1", csr(KEYS, "d1"), Optional.empty())))
        .isEqualTo("not_enrolled");
  }

  @Test
  void refusesWhenTheHubHasNoKeyOnRecord() throws Exception {
    Optional<IdentityRecord> beforeKeysWereKept =
        Optional.of(
            new IdentityRecord(
                "d1", "ab", NOW, Optional.empty(), NOW, Optional.empty(), List.of()));
    assertThat(code(RenewalDecision.decide("d1", csr(KEYS, "d1"), beforeKeysWereKept)))
        .isEqualTo("unknown_key");
  }

  @Test
  void refusesACsrThatDoesNotParse() {
    assertThat(code(RenewalDecision.decide("d1", "not a csr", ENROLLED))).isEqualTo("bad_csr");
  }
}
