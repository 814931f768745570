package dev.skerry.core.labels;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.skerry.core.spec.FieldError;
import java.util.ArrayList;
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
  public List<FieldError> validate(String path) {
    List<FieldError> errors = new ArrayList<>();
    if (key == null || key.isEmpty()) {
      errors.add(new FieldError(path + ".key", "required"));
    } else {
      Labels.keyProblem(key).ifPresent(p -> errors.add(new FieldError(path + ".key", p)));
    }
    if (operator == null) {
      errors.add(
          new FieldError(path + ".operator", "required (In, NotIn, Exists or DoesNotExist)"));
    } else {
      switch (operator) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errors.add(new FieldError(path + ".values", operator + " needs at least one value"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errors.add(new FieldError(path + ".values", "must be empty for " + operator));
          }
        }
        default ->
            errors.add(
                new FieldError(
                    path + ".operator",
                    "'" + operator + "' is not one of In, NotIn, Exists, DoesNotExist"));
      }
    }
    for (int i = 0; i < values.size(); i++) {
      String at = path + ".values[" + i + "]";
      Labels.valueProblem(values.get(i)).ifPresent(p -> errors.add(new FieldError(at, p)));
    }
    return errors;
  }

  /** This expression as a requirement; only for a valid expression. */
  public Requirement requirement() {
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
