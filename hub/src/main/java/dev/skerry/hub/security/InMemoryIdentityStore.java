package dev.skerry.hub.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link IdentityStore} in memory, for unit tests and the store contract. */
public final class InMemoryIdentityStore implements IdentityStore {
  private final Map<String, TokenRecord> tokens = new HashMap<>();
  private final Map<String, IdentityRecord> identities = new HashMap<>();

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
              identity.enrolledAt(),
              Optional.empty(),
              revokedSerials));
    }
    return outcome;
  }

  @Override
  public synchronized Optional<IdentityRecord> identity(String deviceId) {
    return Optional.ofNullable(identities.get(deviceId));
  }

  @Override
  public synchronized boolean renewed(String deviceId, String serial, Instant notAfter) {
    IdentityRecord old = identities.get(deviceId);
    if (old == null || old.revoked()) {
      return false;
    }
    identities.put(
        deviceId,
        new IdentityRecord(
            deviceId, serial, notAfter, old.enrolledAt(), Optional.empty(), old.revokedSerials()));
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
