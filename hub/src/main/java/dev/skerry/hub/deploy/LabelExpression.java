package dev.skerry.hub.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.skerry.hub.labels.LabelSelector;
import dev.skerry.hub.labels.Requirement;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code selector.matchExpressions}, as in Kubernetes: {@code {"key","operator":
 * "In|NotIn|Exists|DoesNotExist","values":[...]}}. {@code In}/{@code NotIn} need values; {@code
 * Exists}/{@code DoesNotExist} take none. A missing label satisfies {@code NotIn}.
 */
public record LabelExpression(
    String key, String operator, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> values) {
  public LabelExpression {
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** The errors of this expression, each prefixed with {@code path}. */
  List<String> validate(String path) {
    List<String> errors = new java.util.ArrayList<>();
    if (key == null || key.isEmpty()) {
      errors.add(path + ".key: required");
    } else if (!LabelSelector.KEY.matcher(key).matches()) {
      errors.add(path + ".key: '" + key + "' is not a label key");
    }
    if (operator == null) {
      errors.add(path + ".operator: required (In, NotIn, Exists or DoesNotExist)");
    } else {
      switch (operator) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errors.add(path + ".values: " + operator + " needs at least one value");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errors.add(path + ".values: must be empty for " + operator);
          }
        }
        default ->
            errors.add(
                path
                    + ".operator: '"
                    + operator
                    + "' is not one of In, NotIn, Exists, DoesNotExist");
      }
    }
    return errors;
  }

  /** This expression as a requirement; only for a valid expression. */
  Requirement requirement() {
    Requirement.Op op =
        switch (operator) {
          case "In" -> Requirement.Op.IN;
          case "NotIn" -> Requirement.Op.NOT_IN;
          case "Exists" -> Requirement.Op.EXISTS;
          case "DoesNotExist" -> Requirement.Op.NOT_EXISTS;
          default -> throw new IllegalStateException("unchecked operator " + operator);
        };
    return new Requirement(key, op, Set.copyOf(values));
  }
}
