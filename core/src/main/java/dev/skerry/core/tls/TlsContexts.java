package dev.skerry.core.tls;

import dev.skerry.core.identity.Fingerprints;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The one place TLS contexts are made from keys and certificates (the JDK's own types, e.g. from
 * {@link Pem}): trust in a given set of CAs, an optional client or server identity, and the pinned
 * trust a device uses on first contact with its hub.
 */
public final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /** A private key with its certificate chain, leaf first. */
  public record Identity(PrivateKey key, List<X509Certificate> chain) {
    public Identity {
      Objects.requireNonNull(key, "key");
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("an identity needs its certificate");
      }
    }

    public X509Certificate certificate() {
      return chain.get(0);
    }
  }

  /**
   * A context that trusts only {@code trusted} (or the JDK's default CAs when empty) and presents
   * {@code identity} when asked (may be {@code null}).
   */
  public static SSLContext of(List<X509Certificate> trusted, Identity identity) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          identity == null ? null : keyManagers(identity),
          trusted.isEmpty() ? null : trustManagers(trusted),
          null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot build a TLS context: " + e.getMessage(), e);
    }
  }

  /** Trust managers for exactly these CA certificates. */
  public static TrustManager[] trustManagers(List<X509Certificate> trusted)
      throws GeneralSecurityException {
    KeyStore ks = emptyKeyStore();
    for (int i = 0; i < trusted.size(); i++) {
      ks.setCertificateEntry("ca-" + i, trusted.get(i));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  /**
   * A trust manager factory for the JDK's default CAs plus {@code extra} (as Docker's {@code
   * certs.d/<host>/ca.crt} adds a registry's own CA to the system's).
   */
  public static TrustManagerFactory withDefaults(List<X509Certificate> extra)
      throws GeneralSecurityException {
    KeyStore ks = emptyKeyStore();
    int n = 0;
    for (X509Certificate c : defaultIssuers()) {
      ks.setCertificateEntry("system-" + n++, c);
    }
    for (X509Certificate c : extra) {
      ks.setCertificateEntry("custom-" + n++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf;
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

  /** Key managers presenting {@code identity}. */
  public static javax.net.ssl.KeyManager[] keyManagers(Identity identity)
      throws GeneralSecurityException {
    KeyStore ks = emptyKeyStore();
    ks.setKeyEntry(
        "identity", identity.key(), NO_PASSWORD, identity.chain().toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, NO_PASSWORD);
    return kmf.getKeyManagers();
  }

  /**
   * A context for first contact: it trusts a server chain only if the chain contains a certificate
   * whose SHA-256 is {@code caFingerprint} (as a join token pins it) and the chain is valid up to
   * that certificate.
   */
  public static SSLContext pinned(String caFingerprint) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new PinnedTrustManager(caFingerprint)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    return ks;
  }

  /** The server's chain lacks the pinned CA: the wrong hub, not a passing fault. */
  public static final class PinMismatch extends CertificateException {
    private static final long serialVersionUID = 1L;

    PinMismatch(String message) {
      super(message);
    }

    /** Whether {@code t} or one of its causes is a pin mismatch. */
    public static boolean in(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof PinMismatch) {
          return true;
        }
      }
      return false;
    }
  }

  /** Finds the pinned CA in the presented chain, then validates the chain against it alone. */
  private static final class PinnedTrustManager implements X509TrustManager {
    private final String pin;

    PinnedTrustManager(String pin) {
      this.pin = Objects.requireNonNull(pin, "pin");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      for (X509Certificate c : chain) {
        if (Fingerprints.of(c).equals(pin)) {
          try {
            for (TrustManager tm : trustManagers(List.of(c))) {
              if (tm instanceof X509TrustManager x) {
                x.checkServerTrusted(chain, authType);
                return;
              }
            }
          } catch (GeneralSecurityException e) {
            throw new CertificateException(e.getMessage(), e);
          }
        }
      }
      throw new PinMismatch(
          "the server's certificate chain does not contain the CA pinned by the join token"
              + " (sha256 "
              + pin.substring(0, 12)
              + "…): wrong hub, or a token of another hub");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a pinned context verifies servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
