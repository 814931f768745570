package dev.skerry.agent.api;

/**
 * What the local API shows, supplied by the wiring in {@code app}. Both methods run on the Vert.x
 * event loop and must not block: implementations read in-memory snapshots.
 */
public interface AgentView {
  AgentStatus status();

  MetricsSnapshot metrics();

  /** Whether {@code name} is a desired workload of this device. */
  default boolean hasWorkload(String name) {
    return status().workloads().stream().anyMatch(w -> w.name().equals(name));
  }
}
