package dev.skerry.agent.store;

/**
 * {@code agent.db} is damaged (not a database, malformed, failed its integrity check). Retrying is
 * useless: the file has to be moved aside ({@link StoreRecovery}).
 */
public final class StoreCorrupt extends StoreFailure {
  private static final long serialVersionUID = 1L;

  public StoreCorrupt(String message, Throwable cause) {
    super(message, cause);
  }
}
