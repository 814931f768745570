package dev.skerry.core.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A join token as an operator hands it to a device: {@code skerry1.<ca>.<secret>}, where {@code
 * <ca>} is the SHA-256 of the hub CA certificate (64 hex digits) that the device pins on first
 * contact, and {@code <secret>} 32 random bytes in unpadded base64url. The hub stores only {@link
 * #secretHash()}; the token itself is shown once.
 */
public record JoinToken(String caFingerprint, String secret) {
  public static final String PREFIX = "skerry1";
  private static final Pattern CA = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public JoinToken {
    Objects.requireNonNull(caFingerprint, "caFingerprint");
    Objects.requireNonNull(secret, "secret");
    if (!CA.matcher(caFingerprint).matches()) {
      throw new IllegalArgumentException("the CA fingerprint must be 64 lower-case hex digits");
    }
    if (!SECRET.matcher(secret).matches()) {
      throw new IllegalArgumentException("the secret must be 43 base64url characters");
    }
  }

  /** A fresh token for the CA with this fingerprint. */
  public static JoinToken generate(String caFingerprint) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new JoinToken(
        caFingerprint, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /**
   * Parses what an operator pasted (surrounding white space is ignored).
   *
   * @throws IllegalArgumentException saying what is wrong, never echoing the secret
   */
  public static JoinToken parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the join token is empty");
    }
    String[] parts = text.strip().split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException(
          "not a Skerry join token (expected " + PREFIX + ".<ca-sha256>.<secret>)");
    }
    return new JoinToken(parts[1], parts[2]);
  }

  /** What the hub stores and looks the token up by: SHA-256 of the secret, hex. */
  public String secretHash() {
    return Fingerprints.sha256Hex(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** The token as text; it is a secret: never log it. */
  public String encoded() {
    return PREFIX + "." + caFingerprint + "." + secret;
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "JoinToken[ca=" + caFingerprint.substring(0, 12) + "…]";
  }
}
