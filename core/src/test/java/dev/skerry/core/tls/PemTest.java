package dev.skerry.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class PemTest {
  @Test
  void ecAndEd25519KeysSurviveARoundTrip() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    for (KeyPair kp :
        new KeyPair[] {
          ec.generateKeyPair(), KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
        }) {
      assertThat(Pem.privateKey(Pem.encode(kp.getPrivate())).getEncoded())
          .isEqualTo(kp.getPrivate().getEncoded());
      assertThat(Pem.publicKey(Pem.encode(kp.getPublic()))).isEqualTo(kp.getPublic());
    }
  }

  @Test
  void saysWhatIsMissing() {
    assertThatThrownBy(() -> Pem.certificate("nothing here"))
        .hasMessageContaining("no CERTIFICATE");
    assertThatThrownBy(
            () ->
                Pem.privateKey(
                    "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----"))
        .hasMessageContaining("PKCS#8");
    assertThatThrownBy(() -> Pem.publicKey("")).hasMessageContaining("no PUBLIC KEY");
  }
}
