package dev.skerry.agent.reconcile;

import java.time.Instant;
import java.util.Objects;

/**
 * What the agent remembers about one workload across its own restarts: how often it was restarted
 * and where its back-off stands.
 *
 * @param restarts restarts done by the agent, reported to the hub
 * @param backoffStreak restarts in a row without a long enough run; drives the back-off delay
 * @param lastStartedAt when the agent last started (or restarted) the container, null if never
 * @param lastExitCode the last exit status seen, null if none
 * @param lastExitAt when the last exit was seen, null if none
 * @param imageDigest digest of the image the current container was created from, null if unknown
 */
public record WorkloadHistory(
    String workload,
    int restarts,
    int backoffStreak,
    Instant lastStartedAt,
    Integer lastExitCode,
    Instant lastExitAt,
    String imageDigest) {
  public WorkloadHistory {
    Objects.requireNonNull(workload, "workload");
  }

  /** A workload the agent has never acted on. */
  public static WorkloadHistory fresh(String workload) {
    return new WorkloadHistory(workload, 0, 0, null, null, null, null);
  }

  public WorkloadHistory started(Instant at, int newStreak, boolean isRestart, String digest) {
    return new WorkloadHistory(
        workload,
        isRestart ? restarts + 1 : restarts,
        newStreak,
        at,
        lastExitCode,
        lastExitAt,
        digest == null ? imageDigest : digest);
  }

  public WorkloadHistory exited(int exitCode, Instant at) {
    return new WorkloadHistory(
        workload, restarts, backoffStreak, lastStartedAt, exitCode, at, imageDigest);
  }
}
