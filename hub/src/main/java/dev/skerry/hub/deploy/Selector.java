package dev.skerry.hub.deploy;

import java.util.Map;

/**
 * Which devices a deployment targets: those whose effective labels contain every pair of {@code
 * matchLabels}. An empty {@code matchLabels} matches every device, as in Kubernetes.
 */
public record Selector(Map<String, String> matchLabels) {
  public Selector {
    matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
  }

  public boolean matches(Map<String, String> labels) {
    return matchLabels.entrySet().stream()
        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
