package dev.skerry.agent.security;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Renews the device certificate over the hub link once it is 2/3 through its life: asks (at most
 * once per {@link #retry}), stores the answer's certificate and has the link reconnect with it.
 * Nothing else depends on the certificate: offline past expiry the agent keeps reconciling. Once
 * the certificate expired and the link is down (the broker refuses it), it asks over HTTPS instead
 * ({@link Offline}, decision 0012) and polls with back-off until an operator approved it.
 */
public final class CertificateRenewer {
  private static final Logger LOG = Logger.getLogger(CertificateRenewer.class.getName());
  static final Duration RETRY = Duration.ofMinutes(10);
  static final Duration OFFLINE_FIRST_DELAY = Duration.ofSeconds(5);
  static final Duration OFFLINE_MAX_DELAY = Duration.ofMinutes(5);

  /** Asks the hub over HTTPS to renew an expired certificate; see {@link ExpiredRenewalClient}. */
  public interface Offline {
    CompletableFuture<ExpiredRenewalClient.Answer> ask(DeviceIdentity expired);
  }

  /** What renewal needs from the hub link. */
  public interface Link {
    boolean connected();

    void request(String topic, byte[] payload, String responseTopic, byte[] correlation);

    /** Reconnects presenting {@code renewed}. */
    void swapIdentity(DeviceIdentity renewed);
  }

  private final IdentityFiles identities;
  private final Link link;
  private final Offline offline;
  private final Clock clock;
  private volatile DeviceIdentity identity;
  private volatile Instant askedAt;
  private final AtomicBoolean offlineAsking = new AtomicBoolean();
  private volatile Instant offlineNext = Instant.MIN;
  private volatile Duration offlineDelay = OFFLINE_FIRST_DELAY;
  private volatile String offlineLast = "";

  public CertificateRenewer(
      IdentityFiles identities, DeviceIdentity identity, Link link, Clock clock) {
    this(identities, identity, link, null, clock);
  }

  /**
   * @param offline how to ask once the certificate expired; null: the agent knows no hub API, it
   *     can only be enrolled again
   */
  public CertificateRenewer(
      IdentityFiles identities, DeviceIdentity identity, Link link, Offline offline, Clock clock) {
    this.identities = Objects.requireNonNull(identities, "identities");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.link = Objects.requireNonNull(link, "link");
    this.offline = offline;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Time between two asks over MQTT without an answer: ten minutes, or a tenth of the certificate's
   * life if shorter (short lives are for tests).
   */
  static Duration retry(DeviceIdentity id) {
    Duration tenth = Duration.between(id.notBefore(), id.notAfter()).dividedBy(10);
    return tenth.compareTo(RETRY) < 0 ? tenth : RETRY;
  }

  /** How often {@link #tick} should run for {@code id}: a minute, or 1/30 of a short life. */
  public static Duration tickEvery(DeviceIdentity id) {
    Duration d = Duration.between(id.notBefore(), id.notAfter()).dividedBy(30);
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return d.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : d;
  }

  public String answerTopic() {
    return Renewal.answerTopic(identity.deviceId());
  }

  /** Asks for a new certificate if it is time; call periodically and on every connect. */
  public void tick() {
    Instant now = clock.instant();
    DeviceIdentity id = identity;
    if (!now.isBefore(id.notAfter()) && !link.connected()) {
      askOffline(id, now);
      return;
    }
    if (now.isBefore(Renewal.renewAt(id.certificate())) || !link.connected()) {
      return;
    }
    Instant asked = askedAt;
    if (asked != null && now.isBefore(asked.plus(retry(id)))) {
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
      adopt(Renewal.accept(identity, payload));
    } catch (RuntimeException e) {
      LOG.warning("renewal answer not used: " + e.getMessage());
    }
  }

  private synchronized void adopt(X509Certificate renewed) {
    identities.saveCertificate(renewed); // atomic: the old certificate or the new one
    identity = identity.withCertificate(renewed);
    askedAt = null;
    offlineDelay = OFFLINE_FIRST_DELAY;
    offlineNext = Instant.MIN;
    LOG.info("certificate renewed, valid until " + identity.notAfter() + "; reconnecting");
    link.swapIdentity(identity);
  }

  /** At most one ask in flight; the next after the back-off. */
  private void askOffline(DeviceIdentity expired, Instant now) {
    if (offline == null || now.isBefore(offlineNext) || !offlineAsking.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<ExpiredRenewalClient.Answer> asked;
    try {
      asked = offline.ask(expired);
    } catch (RuntimeException e) {
      asked = CompletableFuture.failedFuture(e);
    }
    asked.whenComplete(
        (answer, failure) -> {
          try {
            offlineAnswered(expired, answer, failure);
          } finally {
            offlineAsking.set(false);
          }
        });
  }

  private void offlineAnswered(
      DeviceIdentity expired, ExpiredRenewalClient.Answer answer, Throwable failure) {
    String said;
    if (failure != null) {
      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
      said = "the hub cannot be asked to renew the expired certificate: " + cause;
    } else if (answer instanceof ExpiredRenewalClient.Approved approved) {
      try {
        adopt(Renewal.accept(expired, approved.body()));
        offlineLast = "";
        return;
      } catch (RuntimeException e) {
        said = "the renewed certificate is not usable: " + e.getMessage();
      }
    } else if (answer instanceof ExpiredRenewalClient.Refused r) {
      said = "the hub refused to renew the expired certificate (" + r.code() + "): " + r.message();
    } else {
      said =
          "certificate expired at "
              + expired.notAfter()
              + ": renewal requested, waiting for an operator (skerryctl approve renewal "
              + expired.deviceId()
              + ")";
    }
    if (!said.equals(offlineLast)) {
      offlineLast = said;
      LOG.warning(said);
    }
    Duration delay = offlineDelay;
    offlineNext = clock.instant().plus(delay);
    Duration half = Duration.between(expired.notBefore(), expired.notAfter()).dividedBy(2);
    Duration max = half.compareTo(OFFLINE_MAX_DELAY) < 0 ? half : OFFLINE_MAX_DELAY;
    Duration next = delay.multipliedBy(2).compareTo(max) > 0 ? max : delay.multipliedBy(2);
    offlineDelay = next.compareTo(delay) < 0 ? delay : next;
  }

  public DeviceIdentity identity() {
    return identity;
  }
}
