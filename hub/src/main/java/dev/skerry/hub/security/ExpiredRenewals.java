package dev.skerry.hub.security;

import dev.skerry.core.tls.Pem;
import dev.skerry.hub.security.IdentityStore.RenewalRequest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renewal of a certificate that expired while the device was offline (decision 0012): the device
 * asks over HTTPS ({@link ExpiredRenewalDecision}), the hub holds the request until an operator
 * approves it, then the device's next poll gets the certificate. Never issued without approval.
 * Counted in the renewal metrics: {@code pending} (a new request), {@code approved}, and each
 * refusal's code.
 */
public final class ExpiredRenewals {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiredRenewals.class);

  private final HubPki pki;
  private final IdentityStore store;
  private final Duration life;
  private final EnrollmentMetrics metrics;
  private final Clock clock;
  private final Map<String, String> lastRefusal = new ConcurrentHashMap<>();

  public ExpiredRenewals(
      HubPki pki, IdentityStore store, Duration life, EnrollmentMetrics metrics, Clock clock) {
    this.pki = pki;
    this.store = store;
    this.life = life;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** What the device is told: still pending, or its new certificate. */
  public sealed interface Answer {}

  public record Pending(String deviceId) implements Answer {}

  public record Issued(String deviceId, String certificate, Instant expiresAt) implements Answer {}

  /** A refusal: HTTP {@code status}, API error {@code code}, a message for the operator. */
  public static final class Refused extends RuntimeException {
    private final int status;
    private final String code;

    Refused(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  /**
   * A device's request (or poll): the certificate once approved, pending until then.
   *
   * @throws Refused the request cannot be held
   */
  public Answer request(String csrPem, String oldCertificatePem) {
    String key = ExpiredRenewalDecision.deviceIdOf(oldCertificatePem).orElse("?");
    ExpiredRenewalDecision.Verdict v =
        ExpiredRenewalDecision.decide(
            csrPem,
            oldCertificatePem,
            pki.caCertificate(),
            key.equals("?") ? Optional.empty() : store.identity(key));
    if (v instanceof ExpiredRenewalDecision.Refuse r) {
      metrics.count(r.code());
      if (!r.code().equals(lastRefusal.put(key, r.code()))) {
        LOG.warn("Renewal over HTTPS for device {} refused ({}): {}", key, r.code(), r.message());
      }
      throw new Refused(r.status(), r.code(), r.message());
    }
    ExpiredRenewalDecision.Hold hold = (ExpiredRenewalDecision.Hold) v;
    lastRefusal.remove(hold.deviceId());
    Instant now = clock.instant();
    Optional<RenewalRequest> known = store.renewalRequest(hold.deviceId());
    if (known.isPresent() && known.get().publicKey().equals(hold.key())) {
      RenewalRequest r = known.get();
      if (r.pending()) {
        return new Pending(hold.deviceId());
      }
      X509Certificate issued = Pem.certificate(r.certificate().orElseThrow());
      if (issued.getNotAfter().toInstant().isAfter(now)) {
        return new Issued(hold.deviceId(), r.certificate().get(), issued.getNotAfter().toInstant());
      }
    }
    store.requestRenewal(
        new RenewalRequest(
            hold.deviceId(),
            hold.key(),
            hold.oldSerial(),
            now,
            Optional.empty(),
            Optional.empty()));
    metrics.count("pending");
    LOG.warn(
        "Device {} asks to renew its expired certificate {}: pending until an operator approves"
            + " it (skerryctl approve renewal {})",
        hold.deviceId(),
        hold.oldSerial(),
        hold.deviceId());
    return new Pending(hold.deviceId());
  }

  /** The requests waiting for approval, oldest first. */
  public List<RenewalRequest> pending() {
    return store.pendingRenewals();
  }

  /**
   * Approves the pending request of {@code deviceId}: issues its certificate (same key) and records
   * it; the device gets it at its next poll.
   *
   * @throws Refused 404 without a pending request, 409 if the device was revoked since
   */
  public Issued approve(String deviceId) {
    RenewalRequest r =
        store
            .renewalRequest(deviceId)
            .filter(RenewalRequest::pending)
            .orElseThrow(
                () ->
                    new Refused(
                        404, "not_found", "device '" + deviceId + "' has no pending renewal"));
    Instant now = clock.instant();
    X509Certificate cert = pki.issueDevice(deviceId, r.publicKey(), now, life);
    String pem = Pem.encode(cert);
    Instant notAfter = cert.getNotAfter().toInstant();
    String serial = cert.getSerialNumber().toString(16);
    if (!store.approveRenewal(deviceId, serial, notAfter, pem, now)) {
      metrics.count("revoked");
      throw new Refused(409, "revoked", "device '" + deviceId + "' was revoked; nothing issued");
    }
    metrics.count("approved");
    LOG.info(
        "Renewal of device {} approved; certificate {} valid until {}", deviceId, serial, notAfter);
    return new Issued(deviceId, pem, notAfter);
  }
}
