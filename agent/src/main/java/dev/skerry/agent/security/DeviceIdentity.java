package dev.skerry.agent.security;

import dev.skerry.core.tls.TlsContexts;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * What the hub issued to this device: its private key (made here), its certificate and the hub CA.
 * The device id is the certificate's CN.
 */
public record DeviceIdentity(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
  public DeviceIdentity {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(ca, "ca");
  }

  public String deviceId() {
    return commonName(certificate);
  }

  /** The key and chain a TLS client presents. */
  public TlsContexts.Identity tls() {
    return new TlsContexts.Identity(key, List.of(certificate));
  }

  public Instant notBefore() {
    return certificate.getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /** The same key with a renewed certificate. */
  public DeviceIdentity withCertificate(X509Certificate renewed) {
    return new DeviceIdentity(key, renewed, ca);
  }

  /** The CN of a certificate's subject. */
  public static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      throw new IllegalArgumentException("unreadable certificate subject", e);
    }
    throw new IllegalArgumentException("the certificate has no CN");
  }
}
