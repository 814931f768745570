package dev.skerry.hub.rollout;

import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.WorkloadState;
import dev.skerry.core.wire.WorkloadStatus;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Reads a device's {@link Progress} with a deployment revision from its last report. Pure. */
public final class ProgressReader {
  private ProgressReader() {}

  /**
   * @param report the device's last report, null if none
   * @param workloads the names of the deployment's workloads at {@code revision}
   * @param checked the names of those that have a health check
   */
  public static Progress read(
      StatusReport report,
      String deployment,
      long revision,
      Collection<String> workloads,
      Set<String> checked) {
    if (report == null) {
      return Progress.updating(false, "no report yet");
    }
    List<WorkloadStatus> mine =
        report.workloads().stream().filter(w -> deployment.equals(w.deployment())).toList();
    for (WorkloadStatus w : mine) {
      if (w.failedRevision() != null && w.failedRevision() == revision) {
        return Progress.failed(
            "workload "
                + w.name()
                + " rolled back on the device"
                + (w.message() == null ? "" : ": " + w.message()));
      }
    }
    boolean taken = mine.stream().anyMatch(w -> w.revision() == revision);
    for (String name : workloads) {
      WorkloadStatus w = mine.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
      if (w == null || w.revision() != revision) {
        return Progress.updating(
            taken, "workload " + name + " not at revision " + revision + " yet");
      }
      if (!ready(w, checked.contains(name))) {
        return Progress.updating(
            true,
            "workload "
                + name
                + " is "
                + w.state()
                + (w.message() == null ? "" : ": " + w.message()));
      }
    }
    return Progress.healthy();
  }

  /**
   * For an agent that does not say {@code ready}: a running workload whose health check passes, or
   * without a health check, one that is not unhealthy.
   */
  private static boolean ready(WorkloadStatus w, boolean checked) {
    if (w.ready() != null) {
      return w.ready();
    }
    return w.stateMode().orElse(null) == WorkloadState.RUNNING
        && (checked ? "healthy".equals(w.health()) : !"unhealthy".equals(w.health()));
  }
}
