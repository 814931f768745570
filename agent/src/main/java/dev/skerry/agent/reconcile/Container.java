package dev.skerry.agent.reconcile;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the planner sees it, and as the runtime port ({@code ContainerRuntime.list()})
 * reports it: the runtime adapter builds these values from what containerd says, so the decisions
 * depend on no adapter and the adapter depends on the domain.
 *
 * @param labels the container's labels ({@value ContainerNames#LABEL_WORKLOAD}, ...)
 * @param exitCode set when the task has stopped
 * @param oomKilled the stopped task was killed by the kernel's OOM killer (over its memory limit)
 */
public record Container(
    String id,
    String workload,
    long revision,
    String specHash,
    String image,
    TaskState task,
    Integer exitCode,
    Instant exitedAt,
    Map<String, String> labels,
    boolean oomKilled) {

  /** A container not killed for memory. */
  public Container(
      String id,
      String workload,
      long revision,
      String specHash,
      String image,
      TaskState task,
      Integer exitCode,
      Instant exitedAt,
      Map<String, String> labels) {
    this(id, workload, revision, specHash, image, task, exitCode, exitedAt, labels, false);
  }

  /** State of a container's task; NONE when the container has no task. */
  public enum TaskState {
    NONE,
    CREATED,
    RUNNING,
    STOPPED,
    PAUSED,
    UNKNOWN
  }
}
