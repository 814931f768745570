package dev.skerry.agent.security;

/**
 * The hub (or its TLS certificate) said no; trying again with the same token cannot help.
 *
 * @param status the HTTP status, 0 when the refusal happened before any HTTP answer
 */
public final class EnrollmentRefused extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  public EnrollmentRefused(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return "enrollment refused"
        + (status > 0 ? " (HTTP " + status + " " + code + ")" : " (" + code + ")")
        + ": "
        + getMessage();
  }
}
