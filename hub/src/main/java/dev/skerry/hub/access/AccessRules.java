package dev.skerry.hub.access;

import java.util.regex.Pattern;

/** What user names, passwords and token names must look like. Pure. */
public final class AccessRules {
  /** Lower-case letters, digits, {@code . _ -}; 1 to 64, starting with a letter or digit. */
  static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Shortest password accepted. */
  public static final int MIN_PASSWORD = 10;

  /** Longest password accepted (PBKDF2's cost grows with it). */
  public static final int MAX_PASSWORD = 1024;

  private AccessRules() {}

  static void checkUserName(String name) {
    if (name == null || !USER_NAME.matcher(name).matches()) {
      throw new AccessException(
          AccessException.Kind.INVALID,
          "name: 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
    if (Principal.ADMIN_TOKEN.equals(name)) {
      throw new AccessException(
          AccessException.Kind.INVALID, "name: 'admin-token' names the admin token file");
    }
  }

  static void checkPassword(char[] password) {
    if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      throw new AccessException(
          AccessException.Kind.INVALID,
          "password: " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
  }

  static void checkTokenName(String name) {
    if (name == null || !TOKEN_NAME.matcher(name).matches()) {
      throw new AccessException(
          AccessException.Kind.INVALID,
          "name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }
}
