package dev.skerry.hub.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The states of the hub's document-signing keys and the progress of a rotation: the port; JDBC and
 * in-memory implementations. The private keys are not here: they stay in {@code <data-dir>/pki}.
 */
public interface SigningKeyStore extends AutoCloseable {
  /** Signs every document (one at a time). */
  String ACTIVE = "active";

  /** The old key during a rotation: signs for devices that have not pinned the new key yet. */
  String RETIRING = "retiring";

  /** Never signs again; no longer announced. */
  String RETIRED = "retired";

  /**
   * One key's state.
   *
   * @param retireBy for a retiring key, when it is retired even if devices still need it
   */
  record KeyState(
      String keyId,
      String state,
      Instant createdAt,
      Optional<Instant> retireBy,
      Optional<Instant> retiredAt) {
    public KeyState {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * A device in the rotation in progress.
   *
   * @param sinceRevision its first desired revision that announced the new key
   * @param ackedAt when it reported that revision (it has pinned the new key), empty before
   */
  record DeviceRotation(String deviceId, long sinceRevision, Optional<Instant> ackedAt) {
    public boolean acked() {
      return ackedAt.isPresent();
    }
  }

  List<KeyState> keys();

  /** Records the first key (before any rotation). */
  void addActive(String keyId, Instant at);

  /**
   * Starts a rotation in one transaction: {@code oldKeyId} becomes retiring (retired at {@code
   * retireBy} at the latest), {@code newKeyId} active, and {@code devices} must acknowledge.
   */
  void begin(
      String oldKeyId, String newKeyId, Instant at, Instant retireBy, List<DeviceRotation> devices);

  List<DeviceRotation> devices();

  /** Marks {@code deviceId} as having pinned the new key. */
  void acked(String deviceId, Instant at);

  /** Ends the rotation in one transaction: the retiring key retired, the device list cleared. */
  void finish(String retiringKeyId, Instant at);

  @Override
  void close();
}
