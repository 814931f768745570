package dev.skerry.hub.security;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link IdentityStore} in memory, for unit tests and the store contract. */
public final class InMemoryIdentityStore implements IdentityStore {
  private final Map<String, TokenRecord> tokens = new HashMap<>();
  private final Map<String, IdentityRecord> identities = new HashMap<>();
  private final Map<String, RenewalRequest> renewals = new HashMap<>();

  @Override
  public synchronized void putToken(TokenRecord token) {
    tokens.put(token.secretHash(), token);
  }

  @Override
  public synchronized TokenOutcome enroll(
      String secretHash, String deviceId, Instant now, IdentityRecord identity) {
    TokenRecord t = tokens.get(secretHash);
    TokenOutcome outcome = TokenRules.check(t, deviceId, now);
    if (outcome instanceof Consumed) {
      tokens.put(
          secretHash,
          new TokenRecord(
              t.secretHash(),
              t.expiresAt(),
              t.usesLeft() - 1,
              t.deviceId(),
              t.labels(),
              t.createdAt()));
      IdentityRecord old = identities.get(deviceId);
      List<String> revokedSerials = new ArrayList<>(identity.revokedSerials());
      if (old != null) {
        revokedSerials.addAll(old.revokedSerials());
      }
      identities.put(
          deviceId,
          new IdentityRecord(
              deviceId,
              identity.serial(),
              identity.notAfter(),
              identity.publicKey(),
              identity.enrolledAt(),
              Optional.empty(),
              revokedSerials));
      // A new identity: a request to renew the old one is void.
      renewals.remove(deviceId);
    }
    return outcome;
  }

  @Override
  public synchronized Optional<IdentityRecord> identity(String deviceId) {
    return Optional.ofNullable(identities.get(deviceId));
  }

  @Override
  public synchronized boolean renewed(
      String deviceId, String serial, Instant notAfter, PublicKey key) {
    IdentityRecord old = identities.get(deviceId);
    if (old == null || old.revoked()) {
      return false;
    }
    identities.put(
        deviceId,
        new IdentityRecord(
            deviceId,
            serial,
            notAfter,
            Optional.of(key),
            old.enrolledAt(),
            Optional.empty(),
            old.revokedSerials()));
    return true;
  }

  @Override
  public synchronized void requestRenewal(RenewalRequest request) {
    renewals.put(request.deviceId(), request);
  }

  @Override
  public synchronized Optional<RenewalRequest> renewalRequest(String deviceId) {
    return Optional.ofNullable(renewals.get(deviceId));
  }

  @Override
  public synchronized List<RenewalRequest> pendingRenewals() {
    return renewals.values().stream()
        .filter(RenewalRequest::pending)
        .sorted(
            Comparator.comparing(RenewalRequest::requestedAt)
                .thenComparing(RenewalRequest::deviceId))
        .toList();
  }

  @Override
  public synchronized boolean approveRenewal(
      String deviceId, String serial, Instant notAfter, String certificatePem, Instant at) {
    RenewalRequest r = renewals.get(deviceId);
    if (r == null || !r.pending() || !renewed(deviceId, serial, notAfter, r.publicKey())) {
      return false;
    }
    renewals.put(
        deviceId,
        new RenewalRequest(
            deviceId,
            r.publicKey(),
            r.oldSerial(),
            r.requestedAt(),
            Optional.of(at),
            Optional.of(certificatePem)));
    return true;
  }

  @Override
  public synchronized boolean revoke(String deviceId, Instant at) {
    IdentityRecord old = identities.get(deviceId);
    if (old == null) {
      return false;
    }
    List<String> serials = new ArrayList<>(old.revokedSerials());
    if (!serials.contains(old.serial())) {
      serials.add(old.serial());
    }
    identities.put(
        deviceId,
        new IdentityRecord(
            deviceId,
            old.serial(),
            old.notAfter(),
            old.publicKey(),
            old.enrolledAt(),
            Optional.of(old.revokedAt().orElse(at)),
            serials));
    return true;
  }

  @Override
  public void close() {}

  @Override
  public synchronized java.util.Set<String> revokedSerials() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    identities.values().forEach(r -> out.addAll(r.revokedSerials()));
    return out;
  }
}
