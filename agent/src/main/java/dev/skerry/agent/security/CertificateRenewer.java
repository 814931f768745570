package dev.skerry.agent.security;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Renews the device certificate over the hub link once it is 2/3 through its life: asks (at most
 * once per {@link #RETRY}), stores the answer's certificate and has the link reconnect with it.
 * Nothing else depends on the certificate: offline past expiry the agent keeps reconciling.
 */
public final class CertificateRenewer {
  private static final Logger LOG = Logger.getLogger(CertificateRenewer.class.getName());
  static final Duration RETRY = Duration.ofMinutes(10);

  /** What renewal needs from the hub link. */
  public interface Link {
    boolean connected();

    void request(String topic, byte[] payload, String responseTopic, byte[] correlation);

    /** Reconnects presenting {@code renewed}. */
    void swapIdentity(DeviceIdentity renewed);
  }

  private final IdentityFiles identities;
  private final Link link;
  private final Clock clock;
  private volatile DeviceIdentity identity;
  private volatile Instant askedAt;

  public CertificateRenewer(
      IdentityFiles identities, DeviceIdentity identity, Link link, Clock clock) {
    this.identities = Objects.requireNonNull(identities, "identities");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.link = Objects.requireNonNull(link, "link");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public String answerTopic() {
    return Renewal.answerTopic(identity.deviceId());
  }

  /** Asks for a new certificate if it is time; call periodically and on every connect. */
  public void tick() {
    Instant now = clock.instant();
    if (now.isBefore(Renewal.renewAt(identity.certificate())) || !link.connected()) {
      return;
    }
    Instant asked = askedAt;
    if (asked != null && now.isBefore(asked.plus(RETRY))) {
      return;
    }
    askedAt = now;
    LOG.info(
        "certificate valid until "
            + identity.notAfter()
            + " is 2/3 through its life: asking the hub to renew it");
    link.request(
        Renewal.requestTopic(identity.deviceId()),
        Renewal.request(identity),
        answerTopic(),
        UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** The hub's answer on the certificate topic. */
  public void answered(byte[] payload) {
    try {
      X509Certificate renewed = Renewal.accept(identity, payload);
      identities.saveCertificate(renewed);
      identity = identity.withCertificate(renewed);
      askedAt = null;
      LOG.info("certificate renewed, valid until " + identity.notAfter() + "; reconnecting");
      link.swapIdentity(identity);
    } catch (RuntimeException e) {
      LOG.warning("renewal answer not used: " + e.getMessage());
    }
  }

  public DeviceIdentity identity() {
    return identity;
  }
}
