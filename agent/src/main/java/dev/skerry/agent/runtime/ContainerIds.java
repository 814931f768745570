package dev.skerry.agent.runtime;

import dev.skerry.agent.reconcile.ContainerNames;

/**
 * Container ids: {@code <workload>.r<revision>}. Workload names are DNS labels (at most 63
 * characters), so an id stays within containerd's 76 characters and its character set, and the old
 * and new revision of a workload can exist side by side during a start-first update.
 */
public final class ContainerIds {
  /** Labels that mark a container as Skerry's; containers without them are never touched. */
  public static final String LABEL_WORKLOAD = ContainerNames.LABEL_WORKLOAD;

  public static final String LABEL_REVISION = "skerry.revision";
  public static final String LABEL_SPEC_HASH = "skerry.spec-hash";
  public static final String LABEL_DEPLOYMENT = "skerry.deployment";

  private ContainerIds() {}

  public static String of(String workload, long revision) {
    return ContainerNames.of(workload, revision); // one naming rule: the planner's
  }
}
