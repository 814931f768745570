package dev.skerry.hub.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SigningKeyStore} in memory, for unit tests. */
public final class InMemorySigningKeyStore implements SigningKeyStore {
  private final Map<String, KeyState> keys = new LinkedHashMap<>();
  private final Map<String, DeviceRotation> devices = new LinkedHashMap<>();

  @Override
  public synchronized List<KeyState> keys() {
    return new ArrayList<>(keys.values());
  }

  @Override
  public synchronized void addActive(String keyId, Instant at) {
    keys.putIfAbsent(keyId, new KeyState(keyId, ACTIVE, at, Optional.empty(), Optional.empty()));
  }

  @Override
  public synchronized void begin(
      String oldKeyId, String newKeyId, Instant at, Instant retireBy, List<DeviceRotation> list) {
    KeyState old = keys.get(oldKeyId);
    keys.put(
        oldKeyId,
        new KeyState(oldKeyId, RETIRING, old.createdAt(), Optional.of(retireBy), Optional.empty()));
    keys.put(newKeyId, new KeyState(newKeyId, ACTIVE, at, Optional.empty(), Optional.empty()));
    devices.clear();
    list.forEach(d -> devices.put(d.deviceId(), d));
  }

  @Override
  public synchronized List<DeviceRotation> devices() {
    return new ArrayList<>(devices.values());
  }

  @Override
  public synchronized void acked(String deviceId, Instant at) {
    devices.computeIfPresent(
        deviceId,
        (id, d) -> d.acked() ? d : new DeviceRotation(id, d.sinceRevision(), Optional.of(at)));
  }

  @Override
  public synchronized void finish(String retiringKeyId, Instant at) {
    KeyState old = keys.get(retiringKeyId);
    keys.put(
        retiringKeyId,
        new KeyState(retiringKeyId, RETIRED, old.createdAt(), old.retireBy(), Optional.of(at)));
    devices.clear();
  }

  @Override
  public void close() {}
}
