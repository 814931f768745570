package dev.skerry.hub.security;

import java.security.PublicKey;
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

  /**
   * The certificate a device holds (serial, expiry and public key; the key is empty for a record
   * made before the hub stored keys), and whether it was revoked (with the serials revoked).
   */
  record IdentityRecord(
      String deviceId,
      String serial,
      Instant notAfter,
      Optional<PublicKey> publicKey,
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

  /**
   * A device's request to renew an expired certificate for the same key (over HTTPS, decision
   * 0012): pending until an operator approves it; then it carries the issued certificate (PEM).
   */
  record RenewalRequest(
      String deviceId,
      PublicKey publicKey,
      String oldSerial,
      Instant requestedAt,
      Optional<Instant> approvedAt,
      Optional<String> certificate) {
    public RenewalRequest {
      Objects.requireNonNull(deviceId, "deviceId");
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(oldSerial, "oldSerial");
      Objects.requireNonNull(requestedAt, "requestedAt");
    }

    public boolean pending() {
      return approvedAt.isEmpty();
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
  boolean renewed(String deviceId, String serial, Instant notAfter, PublicKey key);

  /** Stores {@code request}, replacing any earlier request of the same device. */
  void requestRenewal(RenewalRequest request);

  Optional<RenewalRequest> renewalRequest(String deviceId);

  /** The requests waiting for approval, oldest first. */
  List<RenewalRequest> pendingRenewals();

  /**
   * Approves the pending request of {@code deviceId}: records {@code certificatePem} with it and
   * replaces the device's certificate ({@code serial}, {@code notAfter}, the request's key), in one
   * transaction. False, changing nothing, if there is no pending request or the device is revoked.
   */
  boolean approveRenewal(
      String deviceId, String serial, Instant notAfter, String certificatePem, Instant at);

  /** Every certificate serial (hex) revoked so far, of every device: what the CRL lists. */
  java.util.Set<String> revokedSerials();

  /** Marks the device revoked; false if it has no identity. */
  boolean revoke(String deviceId, Instant at);

  @Override
  void close();
}
