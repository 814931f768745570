package dev.skerry.agent.reconcile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions of one reconcile pass, in order. Actions of one workload run in sequence and stop at
 * the first failure; workloads are independent of each other.
 */
public record Plan(List<Action> actions) {
  public static final Plan EMPTY = new Plan(List.of());

  public Plan {
    actions = List.copyOf(actions);
  }

  /** Nothing to do and nothing to wait for: the device matches the desired state. */
  public boolean converged() {
    return actions.isEmpty();
  }

  /** Whether anything other than waiting is planned. */
  public boolean hasWork() {
    return actions.stream().anyMatch(a -> !(a instanceof Action.Wait));
  }

  /** The actions grouped by workload, in plan order. */
  public Map<String, List<Action>> byWorkload() {
    Map<String, List<Action>> out = new LinkedHashMap<>();
    for (Action a : actions) {
      out.computeIfAbsent(a.workload(), k -> new java.util.ArrayList<>()).add(a);
    }
    return out;
  }

  public Optional<Action.Wait> waitFor(String workload) {
    return actions.stream()
        .filter(a -> a instanceof Action.Wait && a.workload().equals(workload))
        .map(Action.Wait.class::cast)
        .findFirst();
  }

  /** The earliest instant a Wait ends, if any. */
  public Optional<Instant> nextWakeUp() {
    return actions.stream()
        .filter(Action.Wait.class::isInstance)
        .map(a -> ((Action.Wait) a).until())
        .min(Instant::compareTo);
  }
}
