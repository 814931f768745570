package dev.skerry.hub.security;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public key each device presented in its certificate when it last connected to the embedded
 * broker. The identity store keeps only serials, so renewal compares the CSR's key with this one:
 * the key of the certificate the device is connected with right now.
 */
public final class PresentedKeys {
  private final Map<String, PublicKey> byDevice = new ConcurrentHashMap<>();

  void presented(String deviceId, PublicKey key) {
    byDevice.put(deviceId, key);
  }

  public Optional<PublicKey> of(String deviceId) {
    return Optional.ofNullable(byDevice.get(deviceId));
  }
}
