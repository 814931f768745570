package dev.skerry.core.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 fingerprints, in lower-case hex, as join tokens pin the hub CA and name signing keys. */
public final class Fingerprints {
  private Fingerprints() {}

  /** SHA-256 of the certificate's DER encoding: what a join token pins. */
  public static String of(X509Certificate cert) {
    try {
      return sha256Hex(cert.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /** A signing key's id: the first 16 hex digits of SHA-256 over its SubjectPublicKeyInfo. */
  public static String keyId(PublicKey key) {
    return sha256Hex(key.getEncoded()).substring(0, 16);
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
