package dev.skerry.hub.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes device identities: marked in the store, disconnected from the broker at once, refused by
 * the authenticator afterwards, and their messages dropped by the hub. A new join token re-issues
 * the identity (enrollment clears the mark).
 */
public final class Revocations {
  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);

  private final IdentityStore store;
  private final Consumer<String> disconnect;
  private final Clock clock;
  // Inbound messages ask for every message; the store is asked once per device.
  private final Map<String, Boolean> cache = new ConcurrentHashMap<>();

  public Revocations(IdentityStore store, Consumer<String> disconnect, Clock clock) {
    this.store = store;
    this.disconnect = disconnect;
    this.clock = clock;
  }

  /** Revokes {@code deviceId}; the time of revocation, empty if it has no identity. */
  public Optional<Instant> revoke(String deviceId) {
    if (!store.revoke(deviceId, clock.instant())) {
      return Optional.empty();
    }
    cache.put(deviceId, true);
    disconnect.accept(deviceId);
    LOG.warn("Device {} revoked: disconnected, refused from now on", deviceId);
    return store.identity(deviceId).flatMap(IdentityStore.IdentityRecord::revokedAt);
  }

  /** The identity {@code deviceId} enrolled with and its revocation, empty if it never enrolled. */
  public Optional<IdentityStore.IdentityRecord> identity(String deviceId) {
    return store.identity(deviceId);
  }

  /** Forgets what it knows of {@code deviceId} (after an enrollment). */
  public void changed(String deviceId) {
    cache.remove(deviceId);
  }

  public boolean isRevoked(String deviceId) {
    return cache.computeIfAbsent(
        deviceId,
        id -> store.identity(id).map(IdentityStore.IdentityRecord::revoked).orElse(false));
  }
}
