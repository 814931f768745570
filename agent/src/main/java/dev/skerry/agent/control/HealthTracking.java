package dev.skerry.agent.control;

import dev.skerry.agent.health.HealthStatus;
import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.reconcile.ObservedState;
import dev.skerry.agent.reconcile.Planner;
import dev.skerry.agent.reconcile.SpecHash;
import dev.skerry.agent.reconcile.WorkloadHistory;
import dev.skerry.core.wire.DesiredWorkload;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps probing in step with what is observed, so that one place covers create, restart and
 * adoption (probe a running container with a health check) and exit and removal (stop probing). A
 * task restarted by the agent has a new start time in its {@link WorkloadHistory}: its probing
 * starts again from unknown. Reconcile thread only.
 */
final class HealthTracking {
  private static final Logger LOG = Logger.getLogger(HealthTracking.class.getName());

  private final HealthPort port;

  /** Container id → the task start its probing counts from. */
  private final Map<String, Instant> watched = new HashMap<>();

  HealthTracking(HealthPort port) {
    this.port = Objects.requireNonNull(port, "port");
  }

  /**
   * Starts and stops probing to match {@code observed}; returns the health of its containers.
   *
   * @param candidates the workloads whose containers are probed: the desired ones and, for an
   *     update on probation or rolled back, the last-known-good ones
   */
  Map<String, HealthStatus> sync(
      List<DesiredWorkload> candidates, ObservedState observed, Instant now) {
    Set<String> keep = new HashSet<>();
    Map<String, HealthStatus> health = new HashMap<>();
    for (Container c : observed.containers()) {
      if (c.task() != TaskState.RUNNING || !Planner.isSkerrys(c)) {
        continue;
      }
      DesiredWorkload w =
          candidates.stream()
              .filter(d -> d.name().equals(c.workload()))
              .filter(d -> SpecHash.of(d.spec()).equals(c.specHash()))
              .findFirst()
              .orElse(null);
      if (w == null || w.spec().healthCheck() == null) {
        continue;
      }
      WorkloadHistory history = observed.history(c.workload());
      Instant startedAt = history.lastStartedAt() != null ? history.lastStartedAt() : now;
      Instant current = watched.get(c.id());
      // An adopted container keeps the start time it was first seen with.
      if (current == null || (history.lastStartedAt() != null && !current.equals(startedAt))) {
        watched.put(c.id(), startedAt); // also when invalid: warn once per task, not per pass
        try {
          port.watch(c.id(), c.workload(), w.spec().healthCheck(), startedAt);
        } catch (IllegalArgumentException e) {
          LOG.log(Level.WARNING, c.workload() + ": health check not probed: " + e.getMessage());
        }
      }
      keep.add(c.id());
      health.put(c.id(), port.status(c.id()));
    }
    for (String id : Set.copyOf(watched.keySet())) {
      if (!keep.contains(id)) {
        port.unwatch(id);
        watched.remove(id);
      }
    }
    return health;
  }
}
