package dev.skerry.hub.deploy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.skerry.hub.labels.LabelSelector;
import dev.skerry.hub.labels.Requirement;
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

  /** Only for a selector that {@link DeploymentValidator} accepted. */
  public boolean matches(Map<String, String> labels) {
    return labelSelector().matches(labels);
  }

  @JsonIgnore
  LabelSelector labelSelector() {
    List<Requirement> reqs = new ArrayList<>();
    matchLabels.forEach(
        (k, v) -> reqs.add(new Requirement(k, Requirement.Op.EQUALS, java.util.Set.of(v))));
    matchExpressions.forEach(e -> reqs.add(e.requirement()));
    return new LabelSelector(reqs);
  }
}
