package dev.skerry.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentSignatureTest {
  private static final byte[] DOC = "{\"v\":1,\"revision\":3}".getBytes(StandardCharsets.UTF_8);
  private final KeyPair hub = ed25519();
  private final KeyPair other = ed25519();

  @Test
  void acceptsADocumentSignedByATrustedKey() {
    String sig = DocumentSignature.sign(hub.getPrivate(), hub.getPublic(), DOC);
    assertThat(DocumentSignature.verify(sig, DOC, List.of(other.getPublic(), hub.getPublic())))
        .isEqualTo(new DocumentSignature.Valid(hub.getPublic()));
  }

  @Test
  void refusesAnUnsignedDocument() {
    assertThat(DocumentSignature.verify(null, DOC, List.of(hub.getPublic())))
        .isInstanceOfSatisfying(
            DocumentSignature.Invalid.class, i -> assertThat(i.reason()).startsWith("unsigned"));
  }

  @Test
  void refusesADocumentSignedByAnUntrustedKey() {
    String sig = DocumentSignature.sign(other.getPrivate(), other.getPublic(), DOC);
    assertThat(DocumentSignature.verify(sig, DOC, List.of(hub.getPublic())))
        .isInstanceOfSatisfying(
            DocumentSignature.Invalid.class,
            i -> assertThat(i.reason()).contains("does not trust"));
  }

  @Test
  void refusesAChangedPayload() {
    String sig = DocumentSignature.sign(hub.getPrivate(), hub.getPublic(), DOC);
    byte[] changed = "{\"v\":1,\"revision\":4}".getBytes(StandardCharsets.UTF_8);
    assertThat(DocumentSignature.verify(sig, changed, List.of(hub.getPublic())))
        .isInstanceOfSatisfying(
            DocumentSignature.Invalid.class, i -> assertThat(i.reason()).startsWith("forged"));
  }

  @Test
  void refusesASignatureThatClaimsTheTrustedKeyIdButWasMadeByAnother() {
    String forged = DocumentSignature.sign(other.getPrivate(), other.getPublic(), DOC);
    String claimed =
        "ed25519:"
            + Fingerprints.keyId(hub.getPublic())
            + forged.substring(forged.lastIndexOf(':'));
    assertThat(DocumentSignature.verify(claimed, DOC, List.of(hub.getPublic())))
        .isInstanceOf(DocumentSignature.Invalid.class);
  }

  @Test
  void refusesMalformedSignatures() {
    for (String bad : List.of("", "ed25519", "rsa:abc:def", "ed25519:abc:!!!", "a:b:c:d")) {
      assertThat(DocumentSignature.verify(bad, DOC, List.of(hub.getPublic())))
          .as(bad)
          .isInstanceOf(DocumentSignature.Invalid.class);
    }
  }

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
