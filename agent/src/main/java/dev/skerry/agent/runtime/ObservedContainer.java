package dev.skerry.agent.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A Skerry container as containerd reports it.
 *
 * @param labels all containerd labels (skerry.workload, skerry.revision, skerry.spec-hash, ...)
 * @param exitCode set when the task has stopped
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
    Map<String, String> labels) {

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
