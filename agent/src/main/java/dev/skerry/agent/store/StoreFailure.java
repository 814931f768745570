package dev.skerry.agent.store;

/**
 * The local database failed. Not retryable from the caller's point of view: a disk that refuses a
 * write is an operator problem, reported and logged, never silently skipped.
 */
public class StoreFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
