package dev.skerry.core.identity;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;

/**
 * The signature of a desired document: Ed25519 over the exact MQTT payload bytes, carried beside
 * them in the MQTT 5 user property {@value #PROPERTY} as {@code ed25519:<keyId>:<base64>} (see
 * docs/decisions/0005 and 0010). Pure: bytes and keys in, verdict out.
 */
public final class DocumentSignature {
  /** The MQTT 5 user property that carries the signature. */
  public static final String PROPERTY = "skerry-sig";

  private static final String SCHEME = "ed25519";

  private DocumentSignature() {}

  /**
   * The property value for {@code payload} signed with {@code key}, whose public half is {@code
   * pub}.
   */
  public static String sign(PrivateKey key, PublicKey pub, byte[] payload) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(payload);
      return SCHEME
          + ":"
          + Fingerprints.keyId(pub)
          + ":"
          + Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** The outcome of a verification. */
  public sealed interface Verdict {}

  /** Signed by {@code key}, one of the trusted keys. */
  public record Valid(PublicKey key) implements Verdict {}

  /** Not to be acted on; {@code reason} says why (for the refusal event). */
  public record Invalid(String reason) implements Verdict {}

  /**
   * Checks {@code property} (the user property's value, or {@code null} when absent) against {@code
   * payload} and the keys the device trusts.
   */
  public static Verdict verify(String property, byte[] payload, Collection<PublicKey> trusted) {
    Objects.requireNonNull(payload, "payload");
    if (property == null || property.isEmpty()) {
      return new Invalid("unsigned: no " + PROPERTY + " property");
    }
    String[] parts = property.split(":", -1);
    if (parts.length != 3 || !parts[0].equals(SCHEME)) {
      return new Invalid("malformed signature: expected ed25519:<keyId>:<base64>");
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      return new Invalid("malformed signature: not base64");
    }
    for (PublicKey key : trusted) {
      if (!Fingerprints.keyId(key).equals(parts[1])) {
        continue;
      }
      try {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(payload);
        return s.verify(sig)
            ? new Valid(key)
            : new Invalid("forged: the signature does not match key " + parts[1]);
      } catch (GeneralSecurityException e) {
        return new Invalid("forged: " + e.getMessage());
      }
    }
    return new Invalid("signed by key " + parts[1] + ", which this device does not trust");
  }
}
