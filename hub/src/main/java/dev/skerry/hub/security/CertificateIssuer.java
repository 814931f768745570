package dev.skerry.hub.security;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the hub's certificates with BouncyCastle (the JDK has no API to build one): the self-signed
 * CA and the leaf certificates it signs. Pure apart from the random serials.
 */
final class CertificateIssuer {
  /** OU of device certificates; the broker tells devices from the hub by it and the issuing CA. */
  static final String DEVICE_OU = "skerry-device";

  /** OU of the hub's own MQTT client certificate. */
  static final String HUB_OU = "skerry-hub";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a leaf certificate is for. */
  enum Kind {
    CLIENT,
    SERVER
  }

  private CertificateIssuer() {}

  static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make ECDSA P-256 keys", e);
    }
  }

  static KeyPair ed25519KeyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make Ed25519 keys", e);
    }
  }

  /** A self-signed CA certificate, {@code CN=name}, valid for {@code life} from now. */
  static X509Certificate selfSignedCa(String name, KeyPair keys, Instant now, Duration life) {
    X500Name subject = name(name, null);
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(life)),
              subject,
              keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
      return sign(b, keys.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the CA certificate", e);
    }
  }

  /**
   * A leaf certificate {@code OU=ou, CN=cn} for {@code key}, signed by the CA, valid from an hour
   * ago (clock skew; a quarter of {@code life} if that is shorter) until {@code life} from now;
   * {@code names} become the subject alternative names.
   */
  static X509Certificate leaf(
      X509Certificate ca,
      PrivateKey caKey,
      String cn,
      String ou,
      PublicKey key,
      Kind kind,
      Instant now,
      Duration life,
      List<String> names) {
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              ca,
              serial(),
              Date.from(now.minus(skew(life))),
              Date.from(now.plus(life)),
              name(cn, ou),
              key);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              kind == Kind.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      if (!names.isEmpty()) {
        List<GeneralName> sans = new ArrayList<>();
        for (String n : names) {
          sans.add(
              isIpLiteral(n)
                  ? new GeneralName(GeneralName.iPAddress, n)
                  : new GeneralName(GeneralName.dNSName, n));
        }
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(sans.toArray(new GeneralName[0])));
      }
      return sign(b, caKey);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for " + cn, e);
    }
  }

  private static X500Name name(String cn, String ou) {
    X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
    if (ou != null) {
      nb.addRDN(BCStyle.OU, ou);
    }
    nb.addRDN(BCStyle.CN, cn);
    return nb.build();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** Positive 127-bit serials: unique without a counter to keep. */
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM);
  }

  static boolean isIpLiteral(String name) {
    if (name.contains(":")) {
      return true;
    }
    if (!name.matches("[0-9.]+")) {
      return false;
    }
    try {
      InetAddress.getByName(name);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * How far a leaf is backdated. A device renews at 2/3 of the validity it sees: an hour before a
   * one-minute life (tests) would put that point after the expiry.
   */
  static Duration skew(Duration life) {
    Duration quarter = life.dividedBy(4);
    return quarter.compareTo(Duration.ofHours(1)) < 0 ? quarter : Duration.ofHours(1);
  }
}
