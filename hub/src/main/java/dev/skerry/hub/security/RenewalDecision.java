package dev.skerry.hub.security;

import dev.skerry.hub.security.IdentityStore.IdentityRecord;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Whether a device's renewal request may be granted (docs/decisions/0010, "Renewal"). Pure: the
 * device id of the topic (the broker guarantees the sender), the CSR and the device's identity
 * record (with the key of the certificate the hub issued last) in; a verdict out. Renewal keeps the
 * key: a new key needs a new join token.
 */
public final class RenewalDecision {
  private RenewalDecision() {}

  /** The verdict. */
  public sealed interface Verdict {}

  /** Issue a certificate for {@code key} to {@code deviceId}. */
  public record Grant(String deviceId, PublicKey key) implements Verdict {}

  /** Refused: {@code code} (also the metrics result) and {@code message} go to the device. */
  public record Refuse(String code, String message) implements Verdict {}

  public static Verdict decide(String deviceId, String csrPem, Optional<IdentityRecord> identity) {
    Csrs.Request csr;
    try {
      csr = Csrs.check(csrPem);
    } catch (Csrs.BadCsrException e) {
      return new Refuse("bad_csr", e.getMessage());
    }
    if (!csr.deviceId().equals(deviceId)) {
      return new Refuse(
          "device_id_mismatch", "the csr names '" + csr.deviceId() + "', not '" + deviceId + "'");
    }
    if (identity.isEmpty()) {
      return new Refuse("not_enrolled", "device '" + deviceId + "' is not enrolled");
    }
    if (identity.get().revoked()) {
      return new Refuse("revoked", "device '" + deviceId + "' is revoked");
    }
    Optional<PublicKey> currentKey = identity.get().publicKey();
    if (currentKey.isEmpty()) {
      return new Refuse(
          "unknown_key",
          "the hub has no key on record for this device (enrolled before the hub kept keys);"
              + " enroll it again with a new join token");
    }
    if (!currentKey.get().equals(csr.publicKey())) {
      return new Refuse(
          "key_mismatch",
          "renewal keeps the key; a new key needs enrollment with a new join token");
    }
    return new Grant(deviceId, csr.publicKey());
  }
}
