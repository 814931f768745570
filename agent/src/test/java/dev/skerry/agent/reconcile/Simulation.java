package dev.skerry.agent.reconcile;

import dev.skerry.agent.reconcile.Container.TaskState;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Applies a plan to an observed state the way a perfect runtime would; for property tests. */
final class Simulation {
  private Simulation() {}

  static ObservedState apply(Plan plan, ObservedState state) {
    Map<String, Container> containers = new LinkedHashMap<>();
    state.containers().forEach(c -> containers.put(c.id(), c));
    Set<String> images = new HashSet<>(state.presentImages());
    for (Action a : plan.actions()) {
      if (a instanceof Action.PullImage p) {
        images.add(p.image());
      } else if (a instanceof Action.Stop s) {
        containers.computeIfPresent(s.containerId(), (id, c) -> with(c, TaskState.STOPPED, 143));
      } else if (a instanceof Action.Remove r) {
        containers.remove(r.containerId());
      } else if (a instanceof Action.Restart r) {
        containers.computeIfPresent(r.containerId(), (id, c) -> with(c, TaskState.RUNNING, null));
      } else if (a instanceof Action.CreateAndStart cs) {
        if (containers.containsKey(cs.containerId())) {
          throw new AssertionError("create over an existing container " + cs.containerId());
        }
        if (!images.contains(cs.desired().spec().image())) {
          throw new AssertionError("create before the image is present: " + cs);
        }
        containers.put(
            cs.containerId(),
            new Container(
                cs.containerId(),
                cs.workload(),
                cs.desired().revision(),
                cs.specHash(),
                cs.desired().spec().image(),
                TaskState.RUNNING,
                null,
                null,
                Map.of(
                    ContainerNames.LABEL_WORKLOAD,
                    cs.workload(),
                    "skerry.spec-hash",
                    cs.specHash()),
                false));
      }
    }
    return new ObservedState(
        containers.values().stream().toList(), images, state.histories(), state.failures());
  }

  private static Container with(Container c, TaskState task, Integer exit) {
    return new Container(
        c.id(),
        c.workload(),
        c.revision(),
        c.specHash(),
        c.image(),
        task,
        exit,
        c.exitedAt(),
        c.labels(),
        false);
  }
}
