package dev.skerry.agent.app;

import dev.skerry.core.wire.WorkloadStatus;
import java.util.List;

/**
 * The one line {@code systemctl status skerry-agent} shows: where the hub link stands and how many
 * workloads run, e.g. {@code connected to hub, 3 of 3 workloads running}. Pure.
 */
final class StatusLine {
  /** Where the agent stands with its hub. */
  enum Hub {
    /** The hub setup has not been looked at yet. */
    STARTING,
    ENROLLING,
    CONNECTED,
    UNREACHABLE,
    /** No hub configured. */
    OFFLINE_ONLY,
    /** A join token was refused; running offline-only until enrolled. */
    NOT_ENROLLED
  }

  private StatusLine() {}

  /**
   * @param firstPassDone whether the reconcile loop has run once
   * @param desiredProblem why the stored desired state is refused, or null
   */
  static String of(
      Hub hub, boolean firstPassDone, String desiredProblem, List<WorkloadStatus> workloads) {
    String link =
        switch (hub) {
          case STARTING -> "starting";
          case ENROLLING -> "enrolling with the hub";
          case CONNECTED -> "connected to hub";
          case UNREACHABLE -> "hub unreachable, running offline";
          case OFFLINE_ONLY -> "offline-only (no hub)";
          case NOT_ENROLLED -> "enrollment refused, running offline-only";
        };
    if (desiredProblem != null) {
      return link + ", refusing the stored desired state: " + desiredProblem;
    }
    if (!firstPassDone) {
      return link + ", first reconcile of the stored desired state";
    }
    long running = workloads.stream().filter(w -> "running".equals(w.state())).count();
    return link + ", " + running + " of " + workloads.size() + " workloads running";
  }
}
