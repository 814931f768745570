package dev.skerry.agent.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A Skerry container as containerd reports it.
 *
 * @param labels all containerd labels (skerry.workload, skerry.revision, skerry.spec-hash, ...)
 * @param exitCode set when the task has stopped
 * @param oomKilled the stopped task was killed by the kernel's OOM killer (over its memory limit)
 */
public record ObservedContainer(
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
  public ObservedContainer(
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
