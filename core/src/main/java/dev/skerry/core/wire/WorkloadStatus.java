package dev.skerry.core.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * Observed state of one workload on a device, as the agent reports it and the hub shows it.
 *
 * @param revision the deployment revision the workload's container runs (after a local rollback,
 *     the last-known-good one, not the desired one)
 * @param state pending | pulling | running | exited | failed
 * @param health healthy | unhealthy | unknown
 * @param ready whether the container runs this revision and is ready: its health check passes, or
 *     (without one) it has run {@code minReadySeconds} since its last start; null from older agents
 * @param failedRevision a deployment revision of this workload the agent gave up on and rolled back
 *     from on its own (not healthy within its progress deadline); null if none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadStatus(
    String name,
    String deployment,
    long revision,
    String image,
    String imageDigest,
    String state,
    int restarts,
    String health,
    Integer exitCode,
    String message,
    Boolean ready,
    Long failedRevision) {

  /** Without rollout information (ready unknown, nothing rolled back). */
  public WorkloadStatus(
      String name,
      String deployment,
      long revision,
      String image,
      String imageDigest,
      String state,
      int restarts,
      String health,
      Integer exitCode,
      String message) {
    this(
        name,
        deployment,
        revision,
        image,
        imageDigest,
        state,
        restarts,
        health,
        exitCode,
        message,
        null,
        null);
  }

  /** The state as an enum; empty for a state this version does not know (a newer agent's). */
  public Optional<WorkloadState> stateMode() {
    return WorkloadState.of(state);
  }
}
