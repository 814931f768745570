package dev.skerry.hub.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A label selector as {@code -l} takes it: comma-separated requirements {@code k=v} (or {@code
 * k==v}), {@code k!=v} (also true when the label is missing, as in Kubernetes), {@code k} (label
 * present) and {@code !k} (label absent).
 */
final class Selector {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._-]*");

  enum Op {
    EQUALS,
    NOT_EQUALS,
    EXISTS,
    NOT_EXISTS
  }

  /** One requirement; value is null for {@code EXISTS} and {@code NOT_EXISTS}. */
  record Requirement(String key, Op op, String value) {
    boolean matches(Map<String, String> labels) {
      return switch (op) {
        case EQUALS -> value.equals(labels.get(key));
        case NOT_EQUALS -> !value.equals(labels.get(key));
        case EXISTS -> labels.containsKey(key);
        case NOT_EXISTS -> !labels.containsKey(key);
      };
    }
  }

  private final String text;
  private final List<Requirement> requirements;

  private Selector(String text, List<Requirement> requirements) {
    this.text = text;
    this.requirements = List.copyOf(requirements);
  }

  /** Parses {@code text}; throws a usage error naming the first bad requirement. */
  static Selector parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Requirement> reqs = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      reqs.add(requirement(part.trim(), text));
    }
    return new Selector(text.replace(" ", ""), reqs);
  }

  private static Requirement requirement(String part, String whole) {
    Requirement req;
    int ne = part.indexOf("!=");
    int eq = part.indexOf('=');
    if (ne >= 0) {
      req = new Requirement(part.substring(0, ne), Op.NOT_EQUALS, part.substring(ne + 2));
    } else if (eq >= 0) {
      String value = part.substring(part.startsWith("==", eq) ? eq + 2 : eq + 1);
      req = new Requirement(part.substring(0, eq), Op.EQUALS, value);
    } else if (part.startsWith("!")) {
      req = new Requirement(part.substring(1), Op.NOT_EXISTS, null);
    } else {
      req = new Requirement(part, Op.EXISTS, null);
    }
    boolean valueOk = req.value() == null || VALUE.matcher(req.value()).matches();
    if (!KEY.matcher(req.key()).matches() || !valueOk) {
      throw CliException.usage(
          "invalid label selector '" + whole + "' at '" + part + "'",
          "use k=v, k!=v, k or !k, separated by commas, e.g. -l site=berlin,tier!=test");
    }
    return req;
  }

  boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  List<Requirement> requirements() {
    return requirements;
  }

  /** The selector as the server's {@code labelSelector} query parameter takes it. */
  @Override
  public String toString() {
    return text;
  }
}
