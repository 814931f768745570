package dev.skerry.agent.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.tls.Pem;
import java.security.KeyPair;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

/** The hand-written DER is checked by an independent parser: BouncyCastle's. */
class CsrTest {
  @Test
  void isAPkcs10RequestThatBouncyCastleParsesAndWhoseSelfSignatureVerifies() throws Exception {
    KeyPair keys = Csr.newKeyPair();
    String pem = Csr.pem(keys, "edge-42.site-a");

    PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Pem.blocks(pem).get(0).der());

    assertThat(
            csr.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .build(Pem.publicKey(csr.getSubjectPublicKeyInfo().getEncoded()))))
        .isTrue();
    assertThat(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString())
        .isEqualTo("edge-42.site-a");
    assertThat(csr.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2");
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n");
  }

  @Test
  void aRequestSignedWithAnotherKeyDoesNotVerify() throws Exception {
    KeyPair keys = Csr.newKeyPair();
    byte[] der = Csr.der(keys, "dev-1");
    der[der.length - 5] ^= 0x01; // a bit of the signature
    PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
    assertThat(
            csr.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .build(Pem.publicKey(csr.getSubjectPublicKeyInfo().getEncoded()))))
        .isFalse();
  }

  @Test
  void encodesLongNamesWithMultiByteLengths() throws Exception {
    String id = "d".repeat(128);
    PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Csr.der(Csr.newKeyPair(), id));
    assertThat(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString())
        .isEqualTo(id);
  }
}
