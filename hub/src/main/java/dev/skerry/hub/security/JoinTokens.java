package dev.skerry.hub.security;

import dev.skerry.core.identity.JoinToken;
import dev.skerry.hub.security.IdentityStore.TokenRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/** Creates join tokens: the token is returned once, the store keeps its hash only. */
public final class JoinTokens {
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);
  public static final Duration MAX_TTL = Duration.ofDays(30);

  private final IdentityStore store;
  private final String caFingerprint;
  private final Clock clock;

  public JoinTokens(IdentityStore store, String caFingerprint, Clock clock) {
    this.store = store;
    this.caFingerprint = caFingerprint;
    this.clock = clock;
  }

  /** A created token: {@link #token} is a secret, shown once, never logged. */
  public record Created(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Created[expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * Creates a token.
   *
   * @param ttlSeconds life in seconds, null for {@link #DEFAULT_TTL}
   * @param uses how many enrollments it allows, null for one
   * @throws IllegalArgumentException naming the field at fault
   */
  public Created create(
      Long ttlSeconds, Map<String, String> labels, String deviceId, Integer uses) {
    Duration ttl = ttlSeconds == null ? DEFAULT_TTL : Duration.ofSeconds(ttlSeconds);
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "ttlSeconds must be between 1 and " + MAX_TTL.toSeconds() + " (30 days)");
    }
    int n = uses == null ? 1 : uses;
    if (n < 1) {
      throw new IllegalArgumentException("uses must be at least 1");
    }
    if (deviceId != null) {
      try {
        Csrs.checkId(deviceId);
      } catch (Csrs.BadCsrException e) {
        throw new IllegalArgumentException("deviceId: " + e.getMessage());
      }
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JoinToken token = JoinToken.generate(caFingerprint);
    Instant expiresAt = now.plus(ttl);
    store.putToken(
        new TokenRecord(token.secretHash(), expiresAt, n, Optional.ofNullable(deviceId), l, now));
    return new Created(token.encoded(), expiresAt);
  }
}
