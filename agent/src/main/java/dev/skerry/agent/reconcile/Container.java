package dev.skerry.agent.reconcile;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the planner sees it: the runtime's observation, mapped at the boundary so that the
 * decisions do not depend on how the runtime is reached.
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
