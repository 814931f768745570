package dev.skerry.agent.runtime;

/**
 * A failure that trying again later can cure: containerd or the registry unreachable, busy or
 * broken mid-transfer, a timeout, a full disk that GC may free.
 */
public final class TransientFailure extends RuntimeFailure {
  private static final long serialVersionUID = 1L;

  public TransientFailure(String reason, String message, Throwable cause) {
    super(reason, message, true, cause);
  }

  public TransientFailure(String reason, String message) {
    this(reason, message, null);
  }
}
