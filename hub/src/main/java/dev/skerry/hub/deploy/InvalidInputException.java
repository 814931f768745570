package dev.skerry.hub.deploy;

import java.util.List;

/** The operator's input is unusable; {@link #details()} lists each problem. Not retryable. */
public final class InvalidInputException extends RuntimeException {
  private final String code;
  private final List<String> details;

  public InvalidInputException(String code, String message, List<String> details) {
    super(message);
    this.code = code;
    this.details = List.copyOf(details);
  }

  /** A machine-readable reason, e.g. {@code malformed} or {@code invalid}. */
  public String code() {
    return code;
  }

  public List<String> details() {
    return details;
  }
}
