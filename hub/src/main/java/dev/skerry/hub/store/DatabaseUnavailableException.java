package dev.skerry.hub.store;

/**
 * The database could not be opened at start-up (unreachable server, refused login, a file that
 * cannot be created). The message names the URL without its password.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
