package dev.skerry.agent.runtime;

/**
 * A runtime operation failed. {@code reason} is a short machine word shown in the workload's status
 * ({@code ImagePullFailed}, {@code ImageNotFound}, {@code Unauthorized}, {@code DigestMismatch},
 * {@code DiskFull}, {@code RuntimeUnavailable}, {@code CreateFailed}...), {@code getMessage()} the
 * sentence for the operator.
 */
public class RuntimeFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final boolean retryable;

  public RuntimeFailure(String reason, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryable = retryable;
  }

  public RuntimeFailure(String reason, String message, boolean retryable) {
    this(reason, message, retryable, null);
  }

  public String reason() {
    return reason;
  }

  /** Whether trying again later can succeed (network, lock, unavailable) or not (bad input). */
  public boolean retryable() {
    return retryable;
  }
}
