package dev.skerry.agent.registry;

import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for a registry with its own CA: the JVM's default CAs plus the certificates of a PEM file
 * (as Docker's {@code certs.d/<host>/ca.crt} adds to the system's).
 */
final class RegistryTrust {
  private RegistryTrust() {}

  /** The default trust anchors plus every certificate in {@code pem}. */
  static TrustOptions withCa(Path pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate c : defaultIssuers()) {
        store.setCertificateEntry("system-" + n++, c);
      }
      try (InputStream in = Files.newInputStream(pem)) {
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("custom-" + n++, c);
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return TrustOptions.wrap(tmf);
    } catch (IOException | GeneralSecurityException e) {
      throw RegistryException.permanentFailure(
          RegistryErrors.TLS_FAILED,
          "cannot load the registry CA file " + pem + ": " + e.getMessage(),
          e);
    }
  }

  private static X509Certificate[] defaultIssuers() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509.getAcceptedIssuers();
      }
    }
    return new X509Certificate[0];
  }
}
