package dev.skerry.agent.control;

import dev.skerry.agent.reconcile.ObservedState;
import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.RuntimeFailure;
import dev.skerry.core.wire.DesiredWorkload;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What runs, as the planner sees it: the runtime's containers, which of the candidates' images are
 * present, the executor's histories and failures, and the health verdicts. Reconcile thread.
 */
final class Observation {
  private final ContainerRuntime runtime;
  private final PlanExecutor executor;
  private final HealthTracking health;
  private final Clock clock;

  Observation(ContainerRuntime runtime, PlanExecutor executor, HealthTracking health, Clock clock) {
    this.runtime = runtime;
    this.executor = executor;
    this.health = health;
    this.clock = clock;
  }

  /**
   * @throws RuntimeFailure when the runtime cannot list its containers
   */
  ObservedState observe(List<DesiredWorkload> candidates) {
    var containers = runtime.list();
    Set<String> present = new HashSet<>();
    for (DesiredWorkload w : candidates) {
      String ref = w.spec().image();
      if (!present.contains(ref) && imagePresent(ref)) {
        present.add(ref);
      }
    }
    ObservedState observed =
        new ObservedState(containers, present, executor.histories(), executor.failures());
    return observed.withHealth(
        health.sync(candidates, observed, clock.instant()), executor.healthKills());
  }

  private boolean imagePresent(String ref) {
    try {
      return runtime.findImage(ref) != null;
    } catch (RuntimeFailure e) {
      return false;
    }
  }
}
