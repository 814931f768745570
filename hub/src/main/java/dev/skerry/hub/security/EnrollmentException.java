package dev.skerry.hub.security;

/**
 * An enrollment refused: HTTP {@code status}, the API error {@code code} and a message for the
 * device's operator; {@code result} is the finer reason for the hub's log and metrics only.
 */
public final class EnrollmentException extends RuntimeException {
  private final int status;
  private final String code;
  private final String result;

  public EnrollmentException(int status, String code, String message, String result) {
    super(message);
    this.status = status;
    this.code = code;
    this.result = result;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String result() {
    return result;
  }
}
