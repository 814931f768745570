package dev.skerry.agent.runtime;

/**
 * A failure that the same request will meet again: an unknown image, a refused login, an invalid
 * spec, a container that is not ours. Only a change of the desired state or the configuration
 * helps.
 */
public final class PermanentFailure extends RuntimeFailure {
  private static final long serialVersionUID = 1L;

  public PermanentFailure(String reason, String message, Throwable cause) {
    super(reason, message, false, cause);
  }

  public PermanentFailure(String reason, String message) {
    this(reason, message, null);
  }
}
