package dev.skerry.agent.reconcile;

import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import java.util.List;
import java.util.Optional;

/**
 * What the device should run, as the planner sees it.
 *
 * @param revision the device revision of the desired document; 0 means no document was ever
 *     received, and then the planner touches nothing (an agent that lost its database must not
 *     remove running workloads before the hub has spoken)
 */
public record DesiredState(long revision, List<DesiredWorkload> workloads) {
  public static final DesiredState NONE = new DesiredState(0, List.of());

  public DesiredState {
    workloads = List.copyOf(workloads);
  }

  public static DesiredState of(DesiredDocument document) {
    return new DesiredState(document.revision(), document.workloads());
  }

  /** Whether a desired document has been received (revision 0 is "no opinion yet"). */
  public boolean known() {
    return revision > 0;
  }

  public Optional<DesiredWorkload> workload(String name) {
    return workloads.stream().filter(w -> w.name().equals(name)).findFirst();
  }
}
