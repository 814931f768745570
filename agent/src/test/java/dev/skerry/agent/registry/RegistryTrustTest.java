package dev.skerry.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.testsupport.TestCa;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTrustTest {
  @TempDir Path dir;

  private static X509TrustManager x509(TrustManagerFactory tmf) {
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  @Test
  void trustsTheRegistrysOwnCaOnTopOfTheDefaultOnes() throws Exception {
    TestCa ca = TestCa.create("registry-ca");
    Path pem = ca.writeCertificate(dir);
    Vertx vertx = Vertx.vertx();
    try {
      X509TrustManager tm = x509(RegistryTrust.withCa(pem).getTrustManagerFactory(vertx));
      assertThat(tm.getAcceptedIssuers()).contains(ca.certificate());
      assertThat(tm.getAcceptedIssuers().length).isGreaterThan(1);
    } finally {
      vertx.close();
    }
  }

  @Test
  void aFileWithoutCertificatesIsAPermanentTlsFailureNamingTheFile() throws Exception {
    Path pem = Files.writeString(dir.resolve("ca.crt"), "not a certificate\n");
    assertThatThrownBy(() -> RegistryTrust.withCa(pem))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("cannot load the registry CA file " + pem)
        .hasMessageContaining("no CERTIFICATE block found");
  }

  @Test
  void aMissingFileIsAPermanentTlsFailureNamingTheFile() {
    Path pem = dir.resolve("absent.crt");
    assertThatThrownBy(() -> RegistryTrust.withCa(pem))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("cannot load the registry CA file " + pem);
  }
}
