package dev.skerry.hub.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes with PBKDF2-HMAC-SHA256 from the JDK: a 16-byte random salt, a 32-byte key, and
 * {@link #ITERATIONS} rounds (OWASP's 2023 figure for this PRF). Stored as {@code
 * pbkdf2-sha256$<iterations>$<salt b64>$<key b64>}, so a later, higher count can verify old hashes.
 */
public final class PasswordHasher {
  /** Rounds for new hashes in the hub. */
  public static final int ITERATIONS = 600_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final int KEY_BITS = 256;
  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  /**
   * A hasher with {@code iterations} rounds for new hashes (tests use few; the hub {@link
   * #ITERATIONS}).
   */
  public PasswordHasher(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
  }

  /** The stored form of {@code password}. */
  public String hash(char[] password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /**
   * True if {@code password} is the one {@code stored} was made from; false for any unreadable
   * hash.
   */
  public boolean verify(char[] password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    try {
      int rounds = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      if (rounds < 1 || rounds > 10_000_000) {
        return false;
      }
      return MessageDigest.isEqual(expected, derive(password, salt, rounds));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int rounds) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }
}
