package dev.skerry.agent.runtime;

import dev.skerry.containerd.types.task.Process;
import dev.skerry.containerd.types.task.Status;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which stopped tasks the kernel's OOM killer ended: containerd's {@code /tasks/oom} events, kept
 * until the task is deleted, and for events missed while the agent was away, an exit by SIGKILL
 * (137) whose memory cgroup counts an OOM kill. Thread-safe.
 */
final class OomTracker {
  private static final int SIGKILLED = 128 + 9;
  private final Set<String> events = ConcurrentHashMap.newKeySet();
  private final Cgroups cgroups;
  private final String namespace;

  OomTracker(Cgroups cgroups, String namespace) {
    this.cgroups = cgroups;
    this.namespace = namespace;
  }

  /** A {@code /tasks/oom} event for the container. */
  void record(String containerId) {
    events.add(containerId);
  }

  /** The container's task is being deleted: its next task starts clean. */
  void forget(String containerId) {
    events.remove(containerId);
  }

  boolean killed(String containerId, Process task) {
    if (task.getStatus() != Status.STOPPED) {
      return false;
    }
    return events.contains(containerId)
        || (task.getExitStatus() == SIGKILLED
            && cgroups.oomKills(Cgroups.pathOf(namespace, containerId)) > 0);
  }
}
