package dev.skerry.core.labels;

import dev.skerry.core.spec.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Label key and value syntax, as in Kubernetes, for device labels (the agent's config and the hub's
 * {@code PUT .../labels}) and for selectors (deployments and {@code labelSelector}): a key is an
 * optional DNS-subdomain prefix and {@code /}, then a name of at most 63 letters, digits, {@code
 * -}, {@code _} or {@code .} that starts and ends with a letter or digit; a value is empty or
 * follows the name rule.
 */
public final class Labels {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
  private static final Pattern PREFIX =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final int MAX_PREFIX = 253;
  private static final String NAME_RULE =
      "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

  private Labels() {}

  /** Why {@code key} is not a label key, or empty if it is one. */
  public static Optional<String> keyProblem(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("a label key must not be empty");
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.length() > MAX_PREFIX || !PREFIX.matcher(prefix).matches()) {
        return Optional.of(
            "'" + key + "' is not a label key: the prefix before '/' must be a DNS subdomain");
      }
    }
    if (!NAME.matcher(name).matches()) {
      return Optional.of("'" + key + "' is not a label key: the name must be " + NAME_RULE);
    }
    return Optional.empty();
  }

  /** Why {@code value} is not a label value, or empty if it is one. */
  public static Optional<String> valueProblem(String value) {
    if (value == null) {
      return Optional.of("a label value must be a string");
    }
    if (!value.isEmpty() && !NAME.matcher(value).matches()) {
      return Optional.of("'" + value + "' is not a label value: it must be empty or " + NAME_RULE);
    }
    return Optional.empty();
  }

  public static boolean validKey(String key) {
    return keyProblem(key).isEmpty();
  }

  public static boolean validValue(String value) {
    return valueProblem(value).isEmpty();
  }

  /** Every problem of a label map, each at {@code path}. */
  public static List<FieldError> validate(String path, Map<String, String> labels) {
    List<FieldError> errors = new ArrayList<>();
    if (labels == null) {
      return errors;
    }
    labels.forEach(
        (k, v) -> {
          keyProblem(k).ifPresent(p -> errors.add(new FieldError(path, p)));
          if (k != null && validKey(k)) {
            valueProblem(v).ifPresent(p -> errors.add(new FieldError(path + "." + k, p)));
          }
        });
    return errors;
  }
}
