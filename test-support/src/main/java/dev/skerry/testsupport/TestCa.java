package dev.skerry.testsupport;

import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
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
import javax.net.ssl.SSLContext;
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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The tests' one throw-away CA (ECDSA P-256): server certificates for loopback names, client
 * certificates with a CN and OU, already expired ones, PEM files and PKCS#12 keystores. Test scope
 * only.
 */
public final class TestCa {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair keys;
  private final X509Certificate cert;

  private TestCa(KeyPair keys, X509Certificate cert) {
    this.keys = keys;
    this.cert = cert;
  }

  /** An existing CA, e.g. a hub's {@code pki/ca.crt} and {@code ca.key}, to issue test clients. */
  public static TestCa of(X509Certificate cert, java.security.PrivateKey key) {
    return new TestCa(new KeyPair(cert.getPublicKey(), key), cert);
  }

  /** A new CA named {@code CN=<name>}, valid from an hour ago for two days. */
  public static TestCa create(String name) {
    KeyPair kp = ecKeyPair();
    Instant now = Instant.now();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(2))),
              subject,
              kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new TestCa(kp, sign(b, kp.getPrivate()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public X509Certificate certificate() {
    return cert;
  }

  public PrivateKey key() {
    return keys.getPrivate();
  }

  /** A certificate issued by this CA, with its key. */
  public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
    public TlsContexts.Identity identity() {
      return new TlsContexts.Identity(key, List.of(certificate, ca));
    }

    /** Writes {@code <name>.key} (PKCS#8) and {@code <name>.crt}; returns the two paths. */
    public Path[] writePem(Path dir, String name) throws IOException {
      Files.createDirectories(dir);
      Path k = dir.resolve(name + ".key");
      Path c = dir.resolve(name + ".crt");
      Files.writeString(k, Pem.encode(key));
      Files.writeString(c, Pem.encode(certificate));
      return new Path[] {k, c};
    }

    /** A PKCS#12 keystore with the key and chain under alias {@code alias}. */
    public Path pkcs12(Path file, String alias, String password) throws IOException {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, password.toCharArray(), new X509Certificate[] {certificate, ca});
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
          ks.store(out, password.toCharArray());
        }
        return file;
      } catch (GeneralSecurityException e) {
        throw new IOException(e);
      }
    }
  }

  /** A server certificate for {@code names} (DNS names or IP literals), valid for a day. */
  public Issued server(String... names) {
    return issue(
        names.length > 0 ? names[0] : "localhost",
        null,
        ecKeyPair(),
        Duration.ofDays(1),
        true,
        names);
  }

  /** A client certificate {@code CN=cn, OU=ou} (ou may be null), valid for a day. */
  public Issued client(String cn, String ou) {
    return issue(cn, ou, ecKeyPair(), Duration.ofDays(1), false);
  }

  /** A client certificate that expired an hour ago. */
  public Issued expiredClient(String cn, String ou) {
    return issue(cn, ou, ecKeyPair(), Duration.ofHours(-1), false);
  }

  /**
   * A client certificate for {@code publicKey}, valid for {@code life} from now (negative:
   * expired).
   */
  public Issued issue(
      String cn, String ou, KeyPair keyPair, Duration life, boolean server, String... names) {
    Instant now = Instant.now();
    X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
    if (ou != null) {
      nb.addRDN(BCStyle.OU, ou);
    }
    nb.addRDN(BCStyle.CN, cn);
    Instant notBefore = now.minus(Duration.ofHours(2));
    Instant notAfter = now.plus(life);
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              cert,
              serial(),
              Date.from(notBefore),
              Date.from(notAfter),
              nb.build(),
              keyPair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
      if (names.length > 0) {
        List<GeneralName> sans = new ArrayList<>();
        for (String n : names) {
          sans.add(
              isIp(n)
                  ? new GeneralName(GeneralName.iPAddress, n)
                  : new GeneralName(GeneralName.dNSName, n));
        }
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(sans.toArray(new GeneralName[0])));
      }
      return new Issued(keyPair.getPrivate(), sign(b, keys.getPrivate()), cert);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code ca.crt} into {@code dir} and returns its path. */
  public Path writeCertificate(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path p = dir.resolve("ca.crt");
    Files.writeString(p, Pem.encode(cert));
    return p;
  }

  /** A client context trusting this CA and presenting {@code identity} (may be null). */
  public SSLContext clientContext(Issued identity) {
    return TlsContexts.of(List.of(cert), identity == null ? null : identity.identity());
  }

  public static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  private static boolean isIp(String n) {
    return n.matches("[0-9.]+") || n.contains(":");
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (OperatorCreationException | java.security.cert.CertificateException e) {
      throw new IllegalStateException(e);
    }
  }
}
