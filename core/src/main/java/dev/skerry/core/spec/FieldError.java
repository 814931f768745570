package dev.skerry.core.spec;

import java.util.Objects;

/**
 * One problem in an operator's input, at a field path such as {@code
 * workloads[0].healthCheck.httpGet.port}. The hub answers a list of them as a 400; the agent names
 * them when it refuses a desired document.
 *
 * @param field the path of the offending field
 * @param message what is wrong, e.g. {@code must be between 1 and 65535}
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** {@code field: message}, the form used in API error details and logs. */
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
