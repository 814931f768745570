package dev.skerry.hub.security;

import dev.skerry.core.tls.Pem;
import dev.skerry.hub.security.IdentityStore.IdentityRecord;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Whether a renewal asked over HTTPS ({@code POST /api/v1/renewals}, decision 0012) may be held for
 * an operator's approval. Pure. The device cannot reach the broker (its certificate expired), so
 * nothing vouches for the sender but what it sends: a CSR (signed with the key it names: proof of
 * possession) and its old certificate, which must be issued by the hub CA, name the same device and
 * key, not be revoked, and carry the key the hub has on record (or, for a record made before the
 * hub kept keys, the serial it has on record).
 */
public final class ExpiredRenewalDecision {
  private ExpiredRenewalDecision() {}

  /** The verdict. */
  public sealed interface Verdict {}

  /** Hold a request of {@code deviceId} for {@code key}; {@code oldSerial} of the certificate. */
  public record Hold(String deviceId, PublicKey key, String oldSerial) implements Verdict {}

  /** Refused with HTTP {@code status}; {@code code} is also the metrics result. */
  public record Refuse(int status, String code, String message) implements Verdict {}

  /**
   * @param identity the record of the device the old certificate names, looked up by the caller
   *     with {@link #deviceIdOf}
   */
  public static Verdict decide(
      String csrPem, String certificatePem, X509Certificate ca, Optional<IdentityRecord> identity) {
    Csrs.Request csr;
    try {
      csr = Csrs.check(csrPem);
    } catch (Csrs.BadCsrException e) {
      return new Refuse(400, "bad_csr", e.getMessage());
    }
    X509Certificate old;
    try {
      old = Pem.certificate(certificatePem == null ? "" : certificatePem);
    } catch (IllegalArgumentException e) {
      return new Refuse(400, "bad_certificate", "certificate: not a PEM certificate");
    }
    try {
      old.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      return new Refuse(
          403, "other_ca", "the certificate is not issued by this hub's CA; enroll with a token");
    }
    String cn = Csrs.commonName(old.getSubjectX500Principal().getName());
    if (!csr.deviceId().equals(cn)) {
      return new Refuse(
          403,
          "device_id_mismatch",
          "the csr names '" + csr.deviceId() + "', the certificate '" + cn + "'");
    }
    if (!old.getPublicKey().equals(csr.publicKey())) {
      return new Refuse(
          403, "key_mismatch", "the csr is not for the key of the certificate (renewal keeps it)");
    }
    if (identity.isEmpty()) {
      return new Refuse(404, "not_enrolled", "device '" + cn + "' is not enrolled");
    }
    IdentityRecord record = identity.get();
    String serial = old.getSerialNumber().toString(16);
    if (record.revoked() || record.revokedSerials().contains(serial)) {
      return new Refuse(403, "revoked", "device '" + cn + "' is revoked; enroll with a new token");
    }
    boolean onRecord =
        record.publicKey().isPresent()
            ? record.publicKey().get().equals(csr.publicKey())
            : record.serial().equals(serial);
    if (!onRecord) {
      return new Refuse(
          403,
          "key_mismatch",
          "the hub issued device '" + cn + "' a certificate for another key since; enroll again");
    }
    return new Hold(cn, csr.publicKey(), serial);
  }

  /** The CN of {@code certificatePem}, to look the identity up; empty if it does not parse. */
  public static Optional<String> deviceIdOf(String certificatePem) {
    try {
      X509Certificate c = Pem.certificate(certificatePem == null ? "" : certificatePem);
      return Optional.ofNullable(Csrs.commonName(c.getSubjectX500Principal().getName()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
