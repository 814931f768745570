package dev.skerry.hub.store;

/**
 * A store operation failed. {@link #retryable()} tells a transient failure (busy database, lost
 * connection) from one that will fail again (constraint violated, schema broken).
 */
public final class StoreException extends RuntimeException {
  private final boolean retryable;

  public StoreException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public StoreException(String message) {
    super(message);
    this.retryable = false;
  }

  public boolean retryable() {
    return retryable;
  }
}
