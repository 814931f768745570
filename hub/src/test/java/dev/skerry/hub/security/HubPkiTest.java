package dev.skerry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.tls.TlsContexts;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubPkiTest {
  @TempDir Path dir;

  @Test
  void theServerCertificateChainsToTheCaForAStandardTrustManager() throws Exception {
    HubPki pki =
        HubPki.loadOrCreate(dir, List.of("localhost", "127.0.0.1"), "skerry-hub-x", Instant.now());
    X509TrustManager tm =
        (X509TrustManager) TlsContexts.trustManagers(List.of(pki.caCertificate()))[0];
    tm.checkServerTrusted(pki.server().chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
    tm.checkClientTrusted(pki.hubClient().chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
    assertThat(TrustManagerFactory.getDefaultAlgorithm()).isNotNull();
  }

  @Test
  void loadsTheSameCaOnTheNextStart() {
    HubPki first = HubPki.loadOrCreate(dir, List.of("localhost"), "skerry-hub-x", Instant.now());
    HubPki second = HubPki.loadOrCreate(dir, List.of("localhost"), "skerry-hub-x", Instant.now());
    assertThat(second.caFingerprint()).isEqualTo(first.caFingerprint());
    assertThat(second.signingKeys()).isEqualTo(first.signingKeys());
  }
}
