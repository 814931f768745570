package dev.skerry.agent.reconcile;

/**
 * How the planner names and recognises its containers: ids {@code <workload>.r<revision>} and the
 * label that marks a container as Skerry's. Workload names are DNS labels (at most 63 characters),
 * so an id stays within containerd's 76 characters and its character set, and the old and new
 * revision of a workload can exist side by side during a start-first update.
 */
public final class ContainerNames {
  /** Containers without this label are never touched. */
  public static final String LABEL_WORKLOAD = "skerry.workload";

  private ContainerNames() {}

  public static String of(String workload, long revision) {
    return workload + ".r" + revision;
  }

  /** The workload of a container id {@code <workload>.r<revision>}, or null. */
  public static String workloadOf(String containerId) {
    int at = containerId.lastIndexOf(".r");
    return at > 0 ? containerId.substring(0, at) : null;
  }
}
