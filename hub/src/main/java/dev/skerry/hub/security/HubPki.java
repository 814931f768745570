package dev.skerry.hub.security;

import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's keys and certificates under {@code <data-dir>/pki/} (directory 0700, keys 0600; see
 * docs/decisions/0010): the CA, the Ed25519 document-signing key kept apart from it, the server
 * certificate for the public host names, and the hub's own MQTT client certificate. Made on first
 * start, loaded afterwards; the server certificate is remade when its names change or it is within
 * 30 days of expiry.
 */
public final class HubPki {
  private static final Logger LOG = LoggerFactory.getLogger(HubPki.class);

  static final Duration CA_LIFE = Duration.ofDays(3650);
  static final Duration SERVER_LIFE = Duration.ofDays(365);
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  /** Default life of a device certificate. */
  public static final Duration DEVICE_LIFE = Duration.ofDays(90);

  private final Path dir;
  private final X509Certificate ca;
  private final PrivateKey caKey;
  private final PrivateKey signingKey;
  private final PublicKey signingPub;
  private final TlsContexts.Identity server;
  private final TlsContexts.Identity hubClient;
  private volatile Supplier<List<PublicKey>> announced;

  private HubPki(
      Path dir,
      X509Certificate ca,
      PrivateKey caKey,
      PrivateKey signingKey,
      PublicKey signingPub,
      TlsContexts.Identity server,
      TlsContexts.Identity hubClient) {
    this.dir = dir;
    this.ca = ca;
    this.caKey = caKey;
    this.signingKey = signingKey;
    this.signingPub = signingPub;
    this.server = server;
    this.hubClient = hubClient;
    this.announced = () -> List.of(signingPub);
  }

  /**
   * Loads the PKI in {@code dir}, making what is missing.
   *
   * @param hosts the names the server certificate must carry
   * @param hubClientId the hub's MQTT client id, which becomes its client certificate's CN
   */
  public static HubPki loadOrCreate(Path dir, List<String> hosts, String hubClientId, Instant now) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      Path caCrt = dir.resolve("ca.crt");
      Path caKeyFile = dir.resolve("ca.key");
      if (!Files.exists(caCrt) || !Files.exists(caKeyFile)) {
        KeyPair keys = CertificateIssuer.ecKeyPair();
        X509Certificate cert = CertificateIssuer.selfSignedCa("Skerry hub CA", keys, now, CA_LIFE);
        writeKey(caKeyFile, keys.getPrivate());
        Files.writeString(caCrt, Pem.encode(cert));
        LOG.info("Made the hub CA in {} (SHA-256 {})", dir, Fingerprints.of(cert));
      }
      X509Certificate ca = Pem.certificate(Pem.read(caCrt));
      PrivateKey caKey = Pem.privateKey(Pem.read(caKeyFile));
      Path sigKey = dir.resolve("signing.key");
      Path sigPub = dir.resolve("signing.pub");
      if (!Files.exists(sigKey) || !Files.exists(sigPub)) {
        KeyPair keys = CertificateIssuer.ed25519KeyPair();
        writeKey(sigKey, keys.getPrivate());
        Files.writeString(sigPub, Pem.encode(keys.getPublic()));
        LOG.info("Made the document-signing key {}", Fingerprints.keyId(keys.getPublic()));
      }
      TlsContexts.Identity server =
          leaf(
              dir,
              "server",
              ca,
              caKey,
              hosts.get(0),
              null,
              CertificateIssuer.Kind.SERVER,
              hosts,
              now,
              SERVER_LIFE);
      TlsContexts.Identity hubClient =
          leaf(
              dir,
              "hub-client",
              ca,
              caKey,
              hubClientId,
              CertificateIssuer.HUB_OU,
              CertificateIssuer.Kind.CLIENT,
              List.of(),
              now,
              SERVER_LIFE);
      return new HubPki(
          dir,
          ca,
          caKey,
          Pem.privateKey(Pem.read(sigKey)),
          Pem.publicKey(Pem.read(sigPub)),
          server,
          hubClient);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the hub PKI in " + dir, e);
    }
  }

  /** Loads {@code <name>.crt/.key}, remaking them when missing, near expiry or for other names. */
  private static TlsContexts.Identity leaf(
      Path dir,
      String name,
      X509Certificate ca,
      PrivateKey caKey,
      String cn,
      String ou,
      CertificateIssuer.Kind kind,
      List<String> names,
      Instant now,
      Duration life)
      throws IOException {
    Path crt = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    if (Files.exists(crt) && Files.exists(key)) {
      X509Certificate existing = Pem.certificate(Pem.read(crt));
      boolean fresh = existing.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE));
      boolean sameIssuer = existing.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
      if (fresh && sameIssuer && sameNames(existing, names) && sameCn(existing, cn)) {
        return new TlsContexts.Identity(Pem.privateKey(Pem.read(key)), List.of(existing, ca));
      }
    }
    KeyPair keys = CertificateIssuer.ecKeyPair();
    X509Certificate cert =
        CertificateIssuer.leaf(ca, caKey, cn, ou, keys.getPublic(), kind, now, life, names);
    writeKey(key, keys.getPrivate());
    Files.writeString(crt, Pem.encode(cert));
    LOG.info("Issued the hub's {} certificate for {}", name, names.isEmpty() ? cn : names);
    return new TlsContexts.Identity(keys.getPrivate(), List.of(cert, ca));
  }

  private static boolean sameCn(X509Certificate cert, String cn) {
    return cn.equals(Csrs.commonName(cert.getSubjectX500Principal().getName()));
  }

  private static boolean sameNames(X509Certificate cert, List<String> names) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      Set<String> have = new HashSet<>();
      if (sans != null) {
        for (List<?> san : sans) {
          have.add(String.valueOf(san.get(1)));
        }
      }
      Set<String> want = new HashSet<>();
      for (String n : names) {
        want.add(
            CertificateIssuer.isIpLiteral(n)
                ? java.net.InetAddress.getByName(n).getHostAddress()
                : n);
      }
      Set<String> normalHave = new HashSet<>();
      for (String h : have) {
        normalHave.add(
            CertificateIssuer.isIpLiteral(h)
                ? java.net.InetAddress.getByName(h).getHostAddress()
                : h);
      }
      return normalHave.equals(want);
    } catch (CertificateParsingException | IOException e) {
      return false;
    }
  }

  static void writeKey(Path file, PrivateKey key) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, Pem.encode(key));
  }

  /** Signs a device's certificate for {@code key}: {@code OU=skerry-device, CN=deviceId}. */
  public X509Certificate issueDevice(String deviceId, PublicKey key, Instant now, Duration life) {
    return CertificateIssuer.leaf(
        ca,
        caKey,
        deviceId,
        CertificateIssuer.DEVICE_OU,
        key,
        CertificateIssuer.Kind.CLIENT,
        now,
        life,
        List.of());
  }

  /**
   * Signs a client certificate {@code OU=ou, CN=cn} for {@code key} without an enrollment: for
   * tests and tools that need an identity of this hub (a second hub client, a device).
   */
  public X509Certificate issueClient(
      String cn, String ou, PublicKey key, Instant now, Duration life) {
    return CertificateIssuer.leaf(
        ca, caKey, cn, ou, key, CertificateIssuer.Kind.CLIENT, now, life, List.of());
  }

  /**
   * The {@link DocumentSignature} property value for {@code payload} by {@code signing.key}, the
   * first key; the hub signs with {@link SigningKeys#sign}, which knows the rotation.
   */
  public String sign(byte[] payload) {
    return DocumentSignature.sign(signingKey, signingPub, payload);
  }

  /** A PEM CRL of the CA listing {@code serials}, valid from {@code now} for {@code validity}. */
  public String crl(List<java.math.BigInteger> serials, Instant now, Duration validity) {
    return RevocationList.encode(ca, caKey, serials, now, validity);
  }

  public X509Certificate caCertificate() {
    return ca;
  }

  /** SHA-256 of the CA certificate: what join tokens pin. */
  public String caFingerprint() {
    return Fingerprints.of(ca);
  }

  /**
   * The keys devices shall trust for desired documents (what enrollment hands out): {@code
   * signing.pub}, or what {@link #announceWith} gives once the rotation's {@link SigningKeys} are
   * loaded.
   */
  public List<PublicKey> signingKeys() {
    return new ArrayList<>(announced.get());
  }

  /** Hands out {@code keys} instead of {@code signing.pub} from now on (a rotation's set). */
  public void announceWith(Supplier<List<PublicKey>> keys) {
    this.announced = keys;
  }

  public TlsContexts.Identity server() {
    return server;
  }

  public TlsContexts.Identity hubClient() {
    return hubClient;
  }

  public Path directory() {
    return dir;
  }
}
