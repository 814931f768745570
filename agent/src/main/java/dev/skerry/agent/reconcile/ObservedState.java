package dev.skerry.agent.reconcile;

import dev.skerry.agent.runtime.ObservedContainer;
import dev.skerry.agent.store.WorkloadRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planner knows about the device: the containers containerd reports, which desired images
 * are already present, what the agent remembers per workload, and recent failures.
 */
public record ObservedState(
    List<ObservedContainer> containers,
    Set<String> presentImages,
    Map<String, WorkloadRecord> records,
    Map<String, Failure> failures) {
  public static final ObservedState EMPTY =
      new ObservedState(List.of(), Set.of(), Map.of(), Map.of());

  public ObservedState {
    containers = List.copyOf(containers);
    presentImages = Set.copyOf(presentImages);
    records = Map.copyOf(records);
    failures = Map.copyOf(failures);
  }

  public WorkloadRecord record(String workload) {
    return records.getOrDefault(workload, WorkloadRecord.fresh(workload));
  }
}
