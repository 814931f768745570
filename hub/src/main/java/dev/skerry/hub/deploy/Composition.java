package dev.skerry.hub.deploy;

import dev.skerry.core.wire.DesiredWorkload;
import java.util.List;
import java.util.Map;

/** The result of {@link Composer#compose}: each device's workloads and the conflicts found. */
public record Composition(Map<String, List<DesiredWorkload>> workloads, List<Conflict> conflicts) {
  public Composition {
    workloads = Map.copyOf(workloads);
    conflicts = List.copyOf(conflicts);
  }

  public static Composition empty() {
    return new Composition(Map.of(), List.of());
  }

  public List<DesiredWorkload> workloadsOf(String deviceId) {
    return workloads.getOrDefault(deviceId, List.of());
  }

  /** The conflicts a deployment is part of, as winner or loser. */
  public List<Conflict> conflictsOf(String deployment) {
    return conflicts.stream()
        .filter(c -> c.kept().equals(deployment) || c.dropped().equals(deployment))
        .toList();
  }
}
