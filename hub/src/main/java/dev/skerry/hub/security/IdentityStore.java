package dev.skerry.hub.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Join tokens (hashed) and device identities: the port; JDBC and in-memory implementations. */
public interface IdentityStore extends AutoCloseable {

  /** A join token as stored: never the secret, only its SHA-256. */
  record TokenRecord(
      String secretHash,
      Instant expiresAt,
      int usesLeft,
      Optional<String> deviceId,
      Map<String, String> labels,
      Instant createdAt) {
    public TokenRecord {
      Objects.requireNonNull(secretHash, "secretHash");
      labels = Map.copyOf(labels);
    }
  }

  /** The certificate a device holds, and whether it was revoked (with the serials revoked). */
  record IdentityRecord(
      String deviceId,
      String serial,
      Instant notAfter,
      Instant enrolledAt,
      Optional<Instant> revokedAt,
      List<String> revokedSerials) {
    public IdentityRecord {
      revokedSerials = List.copyOf(revokedSerials);
    }

    public boolean revoked() {
      return revokedAt.isPresent();
    }
  }

  /** What checking a token found; only {@link Consumed} consumed a use. */
  sealed interface TokenOutcome {}

  record Consumed(TokenRecord token) implements TokenOutcome {}

  /**
   * Refused; {@code reason} is {@code unknown}, {@code expired}, {@code used} or {@code mismatch}.
   */
  record Refused(String reason, TokenRecord token) implements TokenOutcome {}

  void putToken(TokenRecord token);

  /**
   * Checks the token with {@code secretHash} for {@code deviceId} at {@code now} and, if it may be
   * used, consumes one use and stores {@code identity} (clearing any revocation), in one
   * transaction.
   */
  TokenOutcome enroll(String secretHash, String deviceId, Instant now, IdentityRecord identity);

  Optional<IdentityRecord> identity(String deviceId);

  /** Replaces the certificate of a device that is not revoked (renewal); false otherwise. */
  boolean renewed(String deviceId, String serial, Instant notAfter);

  /** Every certificate serial (hex) revoked so far, of every device: what the CRL lists. */
  java.util.Set<String> revokedSerials();

  /** Marks the device revoked; false if it has no identity. */
  boolean revoke(String deviceId, Instant at);

  @Override
  void close();
}
