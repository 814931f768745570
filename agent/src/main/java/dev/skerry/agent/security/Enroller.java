package dev.skerry.agent.security;

import dev.skerry.core.identity.JoinToken;
import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Enrolls a device that has no identity: makes its key pair once, asks the hub with back-off (1 s
 * doubling to 60 s) while it is unreachable, stops at once on a refusal, and stores the identity.
 * Blocking; runs before the hub link starts.
 */
public final class Enroller {
  private static final Logger LOG = Logger.getLogger(Enroller.class.getName());

  private final IdentityFiles identities;
  private final EnrollmentClient client;
  private final URI hubApi;
  private final Duration minBackoff;
  private final Duration maxBackoff;

  public Enroller(IdentityFiles identities, URI hubApi, JoinToken token) {
    this(identities, hubApi, token, Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  public Enroller(
      IdentityFiles identities,
      URI hubApi,
      JoinToken token,
      Duration minBackoff,
      Duration maxBackoff) {
    this.identities = Objects.requireNonNull(identities, "identities");
    this.hubApi = Objects.requireNonNull(hubApi, "hubApi");
    this.client = new EnrollmentClient(hubApi, token);
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** Enrolls as {@code deviceId} and stores the identity; returns what the hub answered. */
  public EnrollmentAnswer enroll(String deviceId) throws EnrollmentRefused, InterruptedException {
    KeyPair keys = Csr.newKeyPair(); // the same key for every attempt; stored only on success
    Duration delay = minBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        EnrollmentAnswer e = client.enroll(keys, deviceId);
        identities.save(
            new DeviceIdentity(keys.getPrivate(), e.certificate(), e.caCertificate()),
            e.signingKeys(),
            e.mqttUrl());
        identities.saveHubApi(hubApi);
        LOG.info(
            "enrolled as "
                + e.deviceId()
                + " with "
                + hubApi
                + "; certificate valid until "
                + e.certificate().getNotAfter().toInstant()
                + ", identity in "
                + identities.dir());
        return e;
      } catch (IOException e) {
        LOG.info(
            "enrollment attempt "
                + attempt
                + ": hub "
                + hubApi
                + " unreachable ("
                + e
                + "); next try in "
                + delay.toMillis()
                + " ms");
        Thread.sleep(delay.toMillis());
        delay =
            delay.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : delay.multipliedBy(2);
      }
    }
  }
}
