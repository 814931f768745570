package dev.skerry.hub.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The operator's bearer token, read from a file that is created (random, mode 0600) if absent. */
public final class AdminToken {
  private final byte[] token;

  private AdminToken(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  public static AdminToken of(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("the admin token must not be empty");
    }
    return new AdminToken(token);
  }

  /**
   * Reads the token from {@code file}, or writes a new one there: 32 random bytes as hex, readable
   * by the owner only.
   */
  public static AdminToken loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) {
        throw new IllegalStateException("the admin token file " + file + " is empty");
      }
      return new AdminToken(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      return; // another process made it first; use theirs
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
  }

  /** Compares in constant time, so response timing does not reveal a prefix of the token. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }
}
