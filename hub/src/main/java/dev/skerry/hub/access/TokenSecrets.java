package dev.skerry.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets of sessions and API tokens: {@code skt_} and 32 random bytes (base64url); the hub stores
 * only their SHA-256, which is enough for a secret of 256 random bits (no dictionary to try).
 */
public final class TokenSecrets {
  /** What every session or API token starts with (tells them from the admin token file's hex). */
  public static final String PREFIX = "skt_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  /** A new secret. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A short random id by which a token is listed and deleted (not a secret). */
  public static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The stored form: hex SHA-256 of the secret's UTF-8 bytes. */
  public static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
