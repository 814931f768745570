package dev.skerry.hub.api;

import java.util.List;

/**
 * An error answer: {@code {"error":{"code","message","details":[...]}}} with an HTTP status. Thrown
 * by route handlers, rendered by {@link ErrorResponses}.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final List<String> details;

  public ApiError(int status, String code, String message, List<String> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<String> details() {
    return details;
  }

  /** The JSON body. */
  public Body body() {
    return new Body(new Body.Error(code, getMessage(), details));
  }

  /** JSON shape of an error answer. */
  public record Body(Error error) {
    /** The inner object. */
    public record Error(String code, String message, List<String> details) {}
  }
}
