package dev.skerry.core.labels;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One label requirement, as in Kubernetes: {@code k=v}, {@code k!=v} (also true when the label is
 * missing), {@code k} / {@code Exists}, {@code !k} / {@code DoesNotExist}, {@code In} and {@code
 * NotIn} (also true when the label is missing).
 *
 * @param values one value for {@code EQUALS} and {@code NOT_EQUALS}, one or more for {@code IN} and
 *     {@code NOT_IN}, none otherwise
 */
public record Requirement(String key, Op op, Set<String> values) {
  /** The operators. */
  public enum Op {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    NOT_EXISTS
  }

  public Requirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(op, "op");
    values = Set.copyOf(values);
  }

  public boolean matches(Map<String, String> labels) {
    String actual = labels.get(key);
    return switch (op) {
      case EQUALS, IN -> actual != null && values.contains(actual);
      case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
      case EXISTS -> actual != null;
      case NOT_EXISTS -> actual == null;
    };
  }
}
