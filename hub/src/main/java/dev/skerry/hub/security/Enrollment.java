package dev.skerry.hub.security;

import dev.skerry.core.identity.JoinToken;
import dev.skerry.core.tls.Pem;
import dev.skerry.hub.security.IdentityStore.Consumed;
import dev.skerry.hub.security.IdentityStore.IdentityRecord;
import dev.skerry.hub.security.IdentityStore.Refused;
import dev.skerry.hub.security.IdentityStore.TokenOutcome;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolls a device (docs/decisions/0010): checks the CSR and the join token, issues the device's
 * certificate and records it, consuming a use of the token in the same transaction; then applies
 * the token's labels.
 */
public final class Enrollment {
  private static final Logger LOG = LoggerFactory.getLogger(Enrollment.class);

  private final HubPki pki;
  private final IdentityStore store;
  private final BiConsumer<String, Map<String, String>> labels;
  private final String mqttUrl;
  private final Duration deviceLife;
  private final EnrollmentMetrics metrics;
  private final Clock clock;

  public Enrollment(
      HubPki pki,
      IdentityStore store,
      BiConsumer<String, Map<String, String>> labels,
      String mqttUrl,
      Duration deviceLife,
      EnrollmentMetrics metrics,
      Clock clock) {
    this.pki = pki;
    this.store = store;
    this.labels = labels;
    this.mqttUrl = mqttUrl;
    this.deviceLife = deviceLife;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** What the device receives. */
  public record Enrolled(
      String deviceId,
      String certificate,
      String caCertificate,
      List<String> signingKeys,
      String mqttUrl,
      Instant expiresAt) {}

  /**
   * Enrolls with {@code tokenText} and {@code csrPem}.
   *
   * @throws EnrollmentException with the status and code the API answers
   */
  public Enrolled enroll(String tokenText, String csrPem) {
    try {
      Enrolled e = attempt(tokenText, csrPem);
      metrics.count("ok");
      return e;
    } catch (EnrollmentException e) {
      metrics.count(e.result());
      LOG.warn("Enrollment refused ({}): {}", e.result(), e.getMessage());
      throw e;
    }
  }

  private Enrolled attempt(String tokenText, String csrPem) {
    JoinToken token;
    try {
      token = JoinToken.parse(tokenText);
    } catch (IllegalArgumentException e) {
      throw invalidToken("malformed");
    }
    if (!token.caFingerprint().equals(pki.caFingerprint())) {
      throw invalidToken("other-ca");
    }
    Csrs.Request csr;
    try {
      csr = Csrs.check(csrPem);
    } catch (Csrs.BadCsrException e) {
      throw new EnrollmentException(400, "bad_csr", e.getMessage(), "bad_csr");
    }
    Instant now = clock.instant();
    X509Certificate cert = pki.issueDevice(csr.deviceId(), csr.publicKey(), now, deviceLife);
    IdentityRecord identity =
        new IdentityRecord(
            csr.deviceId(),
            cert.getSerialNumber().toString(16),
            cert.getNotAfter().toInstant(),
            Optional.of(csr.publicKey()),
            now,
            Optional.empty(),
            List.of());
    TokenOutcome outcome = store.enroll(token.secretHash(), csr.deviceId(), now, identity);
    if (outcome instanceof Refused r) {
      if (r.reason().equals("mismatch")) {
        throw new EnrollmentException(
            403,
            "device_id_mismatch",
            "this join token is bound to another device id than '" + csr.deviceId() + "'",
            "mismatch");
      }
      throw invalidToken(r.reason());
    }
    Map<String, String> tokenLabels = ((Consumed) outcome).token().labels();
    labels.accept(csr.deviceId(), tokenLabels);
    LOG.info(
        "Device {} enrolled; certificate {} valid until {}",
        csr.deviceId(),
        identity.serial(),
        identity.notAfter());
    return new Enrolled(
        csr.deviceId(),
        Pem.encode(cert),
        Pem.encode(pki.caCertificate()),
        pki.signingKeys().stream().map(Pem::encode).toList(),
        mqttUrl,
        identity.notAfter());
  }

  /** One code for every token problem, so a prober learns nothing; the result says which. */
  private static EnrollmentException invalidToken(String result) {
    return new EnrollmentException(
        401,
        "invalid_token",
        "the join token is not valid (unknown, expired or used up); ask the operator for a new"
            + " one",
        result);
  }
}
