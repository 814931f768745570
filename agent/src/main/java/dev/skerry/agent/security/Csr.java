package dev.skerry.agent.security;

import dev.skerry.core.tls.Pem;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * A PKCS#10 certificate request (RFC 2986) for an ECDSA P-256 key, subject {@code CN=<device id>},
 * self-signed with SHA256withECDSA as proof of possession. The key pair comes from the JDK and
 * never leaves the device; only this request does.
 */
public final class Csr {
  private static final String CN = "2.5.4.3";
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

  private Csr() {}

  /** A fresh ECDSA P-256 key pair. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make P-256 keys", e);
    }
  }

  /** The DER request for {@code keys} and subject {@code CN=commonName}. */
  public static byte[] der(KeyPair keys, String commonName) {
    if (!"EC".equals(keys.getPublic().getAlgorithm())) {
      throw new IllegalArgumentException("an ECDSA P-256 key is needed");
    }
    byte[] subject = Der.sequence(Der.set(Der.sequence(Der.oid(CN), Der.utf8(commonName))));
    byte[] info =
        Der.sequence(
            Der.integer(0),
            subject,
            keys.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
            Der.contextConstructed(0, new byte[0])); // no attributes
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(keys.getPrivate());
      s.update(info);
      return Der.sequence(info, Der.sequence(Der.oid(ECDSA_WITH_SHA256)), Der.bitString(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the certificate request", e);
    }
  }

  /** The request as PEM ({@code CERTIFICATE REQUEST}), as the hub's enroll and renew take it. */
  public static String pem(KeyPair keys, String commonName) {
    return Pem.encode("CERTIFICATE REQUEST", der(keys, commonName));
  }
}
