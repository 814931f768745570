package dev.skerry.agent.reconcile;

import dev.skerry.agent.runtime.ContainerIds;
import dev.skerry.agent.runtime.ObservedContainer;
import dev.skerry.agent.runtime.ObservedContainer.TaskState;
import dev.skerry.agent.store.WorkloadRecord;
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
  static ObservedContainer containerOf(
      DesiredWorkload w, TaskState task, Integer exitCode, Instant exitedAt) {
    return container(w.name(), w.revision(), SpecHash.of(w.spec()), task, exitCode, exitedAt);
  }

  static ObservedContainer running(DesiredWorkload w) {
    return containerOf(w, TaskState.RUNNING, null, null);
  }

  static ObservedContainer container(
      String workload,
      long revision,
      String hash,
      TaskState task,
      Integer exitCode,
      Instant exitedAt) {
    return new ObservedContainer(
        ContainerIds.of(workload, revision),
        workload,
        revision,
        hash,
        "img",
        task,
        exitCode,
        exitedAt,
        Map.of(
            ContainerIds.LABEL_WORKLOAD, workload,
            ContainerIds.LABEL_REVISION, Long.toString(revision),
            ContainerIds.LABEL_SPEC_HASH, hash));
  }

  /** A container someone else made in the namespace: no Skerry labels. */
  static ObservedContainer foreign(String id, TaskState task) {
    return new ObservedContainer(id, null, 0, null, "other", task, null, null, Map.of("app", "x"));
  }

  static ObservedState observed(List<ObservedContainer> containers, Set<String> images) {
    return new ObservedState(containers, images, Map.of(), Map.of());
  }

  static ObservedState observed(ObservedContainer... containers) {
    return new ObservedState(Arrays.asList(containers), Set.of(), Map.of(), Map.of());
  }

  static ObservedState withImages(ObservedState o, String... images) {
    return new ObservedState(o.containers(), Set.of(images), o.records(), o.failures());
  }

  static ObservedState withRecord(ObservedState o, WorkloadRecord r) {
    Map<String, WorkloadRecord> records = new HashMap<>(o.records());
    records.put(r.workload(), r);
    return new ObservedState(o.containers(), o.presentImages(), records, o.failures());
  }

  static ObservedState withFailure(ObservedState o, Failure f) {
    Map<String, Failure> failures = new HashMap<>(o.failures());
    failures.put(f.workload(), f);
    return new ObservedState(o.containers(), o.presentImages(), o.records(), failures);
  }
}
