package dev.skerry.agent.runtime;

/**
 * A runtime operation failed. {@code reason} is a short machine word shown in the workload's status
 * ({@code ImagePullFailed}, {@code ImageNotFound}, {@code Unauthorized}, {@code DigestMismatch},
 * {@code DiskFull}, {@code RuntimeUnavailable}, {@code CreateFailed}...), {@code getMessage()} the
 * sentence for the operator.
 *
 * <p>The runtime throws exactly two kinds: {@link TransientFailure} (trying again later can
 * succeed) and {@link PermanentFailure} (it cannot until the input changes). containerd's gRPC
 * statuses and the registry's HTTP answers are translated into them where they cross the {@link
 * ContainerRuntime} port, so no transport error escapes it. The public constructor stays for
 * in-memory fakes that decide the flag themselves.
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

  /** The kind that matches {@code retryable}. */
  public static RuntimeFailure of(
      String reason, String message, boolean retryable, Throwable cause) {
    return retryable
        ? new TransientFailure(reason, message, cause)
        : new PermanentFailure(reason, message, cause);
  }

  public String reason() {
    return reason;
  }

  /** Whether trying again later can succeed (network, lock, unavailable) or not (bad input). */
  public boolean retryable() {
    return retryable;
  }
}
