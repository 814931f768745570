package dev.skerry.agent.reconcile;

import dev.skerry.core.wire.DesiredWorkload;
import java.time.Instant;

/** One step of a {@link Plan}; each names the workload it belongs to. */
public sealed interface Action {
  String workload();

  /** Makes {@code image} present locally (may use the network). */
  record PullImage(String workload, String image) implements Action {}

  /** Creates container {@code containerId} for the desired workload and starts it. */
  record CreateAndStart(DesiredWorkload desired, String containerId, String specHash)
      implements Action {
    @Override
    public String workload() {
      return desired.name();
    }
  }

  /**
   * Starts a new task for an exited container.
   *
   * @param backoffStreak the workload's back-off streak once this restart is done
   */
  record Restart(String workload, String containerId, int backoffStreak) implements Action {}

  /** Stops the container's task (SIGTERM, then SIGKILL after the grace period). */
  record Stop(String workload, String containerId) implements Action {}

  /**
   * Kills the task of a running container that failed its health check, so that it is restarted
   * under its restart policy and back-off like any other exit.
   *
   * @param reason the health message, e.g. {@code 3 consecutive failures, last: HTTP 500}
   */
  record KillUnhealthy(String workload, String containerId, String reason) implements Action {}

  /** Removes the container, its task and its snapshot. */
  record Remove(String workload, String containerId) implements Action {}

  /** Nothing to do for this workload before {@code until}; {@code reason} says why. */
  record Wait(String workload, Instant until, String reason) implements Action {}
}
