package dev.skerry.core.labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A set of label requirements that must all hold. Parsed from the text form that skerryctl's {@code
 * -l} and the API's {@code labelSelector} take: comma-separated {@code k=v} (or {@code k==v}),
 * {@code k!=v}, {@code k} and {@code !k}. Deployment selectors build theirs from {@code
 * matchLabels} and {@code matchExpressions}. The empty selector matches every label set. Keys and
 * values follow {@link Labels}.
 */
public final class LabelSelector {
  private final List<Requirement> requirements;

  public LabelSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  /** Parses the text form; the message of the exception names the first bad requirement. */
  public static LabelSelector parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Requirement> reqs = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      reqs.add(requirement(part.trim(), text));
    }
    return new LabelSelector(reqs);
  }

  private static Requirement requirement(String part, String whole) {
    Requirement req;
    int ne = part.indexOf("!=");
    int eq = part.indexOf('=');
    if (ne >= 0) {
      req =
          new Requirement(
              part.substring(0, ne), Requirement.Op.NOT_EQUALS, Set.of(part.substring(ne + 2)));
    } else if (eq >= 0) {
      String value = part.substring(part.startsWith("==", eq) ? eq + 2 : eq + 1);
      req = new Requirement(part.substring(0, eq), Requirement.Op.EQUALS, Set.of(value));
    } else if (part.startsWith("!")) {
      req = new Requirement(part.substring(1), Requirement.Op.NOT_EXISTS, Set.of());
    } else {
      req = new Requirement(part, Requirement.Op.EXISTS, Set.of());
    }
    boolean valuesOk = req.values().stream().allMatch(Labels::validValue);
    if (!Labels.validKey(req.key()) || !valuesOk) {
      throw new IllegalArgumentException(
          "invalid label selector '" + whole + "' at '" + part + "'");
    }
    return req;
  }

  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  public boolean isEmpty() {
    return requirements.isEmpty();
  }
}
