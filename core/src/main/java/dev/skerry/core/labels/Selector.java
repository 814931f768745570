package dev.skerry.core.labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.skerry.core.spec.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which devices a deployment targets: those whose effective labels contain every pair of {@code
 * matchLabels} and satisfy every {@code matchExpressions} entry. An empty selector matches every
 * device, as in Kubernetes. Matching is {@link LabelSelector}'s, the same as the device list's.
 */
public record Selector(
    Map<String, String> matchLabels,
    // Left out when empty, so that deployments written before matchExpressions keep their hash.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LabelExpression> matchExpressions) {
  @JsonCreator
  public Selector(
      @JsonProperty("matchLabels") Map<String, String> matchLabels,
      @JsonProperty("matchExpressions") List<LabelExpression> matchExpressions) {
    this.matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
    this.matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
  }

  public Selector(Map<String, String> matchLabels) {
    this(matchLabels, List.of());
  }

  /** Every problem of this selector, each under {@code path} (e.g. {@code selector}). */
  public List<FieldError> validate(String path) {
    List<FieldError> errors = new ArrayList<>(Labels.validate(path + ".matchLabels", matchLabels));
    for (int i = 0; i < matchExpressions.size(); i++) {
      String at = path + ".matchExpressions[" + i + "]";
      LabelExpression e = matchExpressions.get(i);
      if (e == null) {
        errors.add(new FieldError(at, "must not be null"));
      } else {
        errors.addAll(e.validate(at));
      }
    }
    return errors;
  }

  /** Only for a selector that {@link #validate} accepted. */
  public boolean matches(Map<String, String> labels) {
    return labelSelector().matches(labels);
  }

  @JsonIgnore
  public LabelSelector labelSelector() {
    List<Requirement> reqs = new ArrayList<>();
    matchLabels.forEach(
        (k, v) -> reqs.add(new Requirement(k, Requirement.Op.EQUALS, java.util.Set.of(v))));
    matchExpressions.forEach(e -> reqs.add(e.requirement()));
    return new LabelSelector(reqs);
  }
}
