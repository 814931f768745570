package dev.skerry.hub.security;

import dev.skerry.core.concurrent.NamedThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub CA's certificate revocation list, {@code <data-dir>/pki/crl.pem}, for an external broker
 * that checks client certificates against a CRL (Mosquitto's {@code crlfile}; docs/security.md).
 * Written at start, after every revocation and once a day; valid for {@link #VALIDITY}, because a
 * broker with an expired CRL refuses every client (OpenSSL's check, seen with Mosquitto 2.0).
 */
public final class RevocationList implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationList.class);

  /** The CRL's nextUpdate is this far after it was written. */
  public static final Duration VALIDITY = Duration.ofDays(30);

  /** How often the CRL is written again when nothing was revoked. */
  public static final Duration REFRESH = Duration.ofDays(1);

  private final HubPki pki;
  private final IdentityStore store;
  private final Clock clock;
  private final Path file;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("skerry-hub-crl", true));

  public RevocationList(HubPki pki, IdentityStore store, Clock clock) {
    this.pki = pki;
    this.store = store;
    this.clock = clock;
    this.file = pki.directory().resolve("crl.pem");
  }

  /** Writes the CRL now and then every {@link #REFRESH}. */
  public RevocationList start() {
    write();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            write();
          } catch (RuntimeException e) {
            LOG.warn("Writing {} failed: {}", file, e.toString());
          }
        },
        REFRESH.toMillis(),
        REFRESH.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** Writes {@code crl.pem} with every revoked serial (atomically: a broker never reads half). */
  public synchronized Path write() {
    Collection<String> serials = store.revokedSerials();
    Instant now = clock.instant();
    String pem = pki.crl(serials.stream().map(s -> new BigInteger(s, 16)).toList(), now, VALIDITY);
    try {
      Path tmp = file.resolveSibling("crl.pem.tmp");
      Files.writeString(tmp, pem);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    LOG.info(
        "Wrote {} ({} revoked certificates, next update {})",
        file,
        serials.size(),
        now.plus(VALIDITY));
    return file;
  }

  /**
   * A PEM CRL of {@code ca} signed with {@code caKey}: {@code serials} revoked, thisUpdate {@code
   * now}, nextUpdate {@code now + validity}, CRL number = milliseconds since the epoch (grows).
   */
  public static String encode(
      X509Certificate ca,
      PrivateKey caKey,
      Collection<BigInteger> serials,
      Instant now,
      Duration validity) {
    try {
      X509v2CRLBuilder b = new JcaX509v2CRLBuilder(ca, Date.from(now));
      b.setNextUpdate(Date.from(now.plus(validity)));
      for (BigInteger serial : serials) {
        b.addCRLEntry(serial, Date.from(now), CRLReason.unspecified);
      }
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
      b.addExtension(
          Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
      String alg = caKey.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      X509CRLHolder holder = b.build(new JcaContentSignerBuilder(alg).build(caKey));
      byte[] der = new JcaX509CRLConverter().getCRL(holder).getEncoded();
      return "-----BEGIN X509 CRL-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(der)
          + "\n-----END X509 CRL-----\n";
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the CRL: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
