package dev.skerry.agent.reconcile;

import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WorkloadSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plain values for planner and status tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");

  private Fixtures() {}

  static WorkloadSpec spec(String name, String image, String policy) {
    return new WorkloadSpec(name, image, null, null, null, policy, null, null, null, null);
  }

  static DesiredWorkload workload(String name, String image, String policy, long revision) {
    return new DesiredWorkload("dep-" + name, revision, spec(name, image, policy));
  }

  static DesiredWorkload workload(String name) {
    return workload(name, "reg.local/" + name + ":1", "always", 1);
  }

  static DesiredState desired(long revision, DesiredWorkload... workloads) {
    return new DesiredState(revision, List.of(workloads));
  }

  /** A Skerry container for {@code w}, with the matching spec hash. */
  static Container containerOf(
      DesiredWorkload w, TaskState task, Integer exitCode, Instant exitedAt) {
    return container(w.name(), w.revision(), SpecHash.of(w.spec()), task, exitCode, exitedAt);
  }

  static Container running(DesiredWorkload w) {
    return containerOf(w, TaskState.RUNNING, null, null);
  }

  static Container container(
      String workload,
      long revision,
      String hash,
      TaskState task,
      Integer exitCode,
      Instant exitedAt) {
    return new Container(
        ContainerNames.of(workload, revision),
        workload,
        revision,
        hash,
        "img",
        task,
        exitCode,
        exitedAt,
        Map.of(
            ContainerNames.LABEL_WORKLOAD,
            workload,
            "skerry.revision",
            Long.toString(revision),
            "skerry.spec-hash",
            hash),
        false);
  }

  /** A container someone else made in the namespace: no Skerry labels. */
  static Container foreign(String id, TaskState task) {
    return new Container(id, null, 0, null, "other", task, null, null, Map.of("app", "x"), false);
  }

  static ObservedState observed(List<Container> containers, Set<String> images) {
    return new ObservedState(containers, images, Map.of(), Map.of());
  }

  static ObservedState observed(Container... containers) {
    return new ObservedState(Arrays.asList(containers), Set.of(), Map.of(), Map.of());
  }

  static ObservedState withImages(ObservedState o, String... images) {
    return new ObservedState(o.containers(), Set.of(images), o.histories(), o.failures());
  }

  static ObservedState withHistory(ObservedState o, WorkloadHistory r) {
    Map<String, WorkloadHistory> histories = new HashMap<>(o.histories());
    histories.put(r.workload(), r);
    return new ObservedState(o.containers(), o.presentImages(), histories, o.failures());
  }

  static ObservedState withFailure(ObservedState o, Failure f) {
    Map<String, Failure> failures = new HashMap<>(o.failures());
    failures.put(f.workload(), f);
    return new ObservedState(o.containers(), o.presentImages(), o.histories(), failures);
  }
}
