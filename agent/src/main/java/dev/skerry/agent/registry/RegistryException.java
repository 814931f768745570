package dev.skerry.agent.registry;

/**
 * A registry exchange failed. {@code reason} is the short word shown in the workload's status
 * ({@code ImageNotFound}, {@code Unauthorized}, {@code RegistryTlsFailed}, {@code
 * ImagePullFailed}); {@code retryable} says whether the same request can succeed later (registry
 * down, 5xx, timeout) or not (unknown manifest, refused login, untrusted certificate). {@link
 * RegistryErrors} decides which is which.
 */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final boolean retryable;

  RegistryException(String reason, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryable = retryable;
  }

  /** Trying again later can succeed: the registry or the link was at fault. */
  public static RegistryException transientFailure(String reason, String message, Throwable cause) {
    return new RegistryException(reason, message, true, cause);
  }

  /** Trying again cannot help until someone changes the reference, the login or the trust. */
  public static RegistryException permanentFailure(String reason, String message, Throwable cause) {
    return new RegistryException(reason, message, false, cause);
  }

  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return retryable;
  }
}
