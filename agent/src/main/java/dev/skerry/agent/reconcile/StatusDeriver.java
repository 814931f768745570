package dev.skerry.agent.reconcile;

import dev.skerry.agent.health.Health;
import dev.skerry.agent.health.HealthStatus;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WorkloadStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the reported status of each desired workload from desired + observed state, the plan of
 * the pass (for back-off waits), what is being pulled right now and what the rollback policy noted
 * about updates. Pure.
 */
public final class StatusDeriver {
  public static final String PENDING = "pending";
  public static final String PULLING = "pulling";
  public static final String RUNNING = "running";
  public static final String EXITED = "exited";
  public static final String FAILED = "failed";

  /**
   * @param runtimeProblem set when containerd could not be observed at all; every workload is then
   *     pending with this message
   * @param desired what runs: after a local rollback, the last-known-good workload in place of the
   *     desired one
   * @param notes by workload, what the rollback policy says about its update
   */
  public List<WorkloadStatus> statuses(
      DesiredState desired,
      ObservedState observed,
      Plan plan,
      Set<String> pulling,
      String runtimeProblem,
      Instant now,
      Map<String, RolloutNote> notes) {
    return statuses(desired, observed, plan, pulling, runtimeProblem, now, notes, Map.of());
  }

  /**
   * @param pullBytes progress of running pulls by image reference: a pulling workload's message
   *     says how far its image has come (workloads sharing an image share its figures)
   */
  public List<WorkloadStatus> statuses(
      DesiredState desired,
      ObservedState observed,
      Plan plan,
      Set<String> pulling,
      String runtimeProblem,
      Instant now,
      Map<String, RolloutNote> notes,
      Map<String, PullBytes> pullBytes) {
    return desired.workloads().stream()
        .sorted(Comparator.comparing(DesiredWorkload::name))
        .map(
            w ->
                status(
                    w,
                    observed,
                    plan,
                    pulling,
                    runtimeProblem,
                    now,
                    notes.get(w.name()),
                    pullBytes))
        .toList();
  }

  private WorkloadStatus status(
      DesiredWorkload w,
      ObservedState observed,
      Plan plan,
      Set<String> pulling,
      String runtimeProblem,
      Instant now,
      RolloutNote note,
      Map<String, PullBytes> pullBytes) {
    String hash = SpecHash.of(w.spec());
    WorkloadHistory history = observed.history(w.name());
    Container current = Readiness.current(w, observed);
    Failure failure = observed.failures().get(w.name());
    if (failure != null && !hash.equals(failure.specHash())) {
      failure = null;
    }
    String state;
    Integer exitCode = null;
    String message = null;
    if (runtimeProblem != null) {
      state = PENDING;
      message = runtimeProblem;
    } else if (pulling.contains(w.name())) {
      state = PULLING;
      PullBytes bytes = pullBytes.get(w.spec().image());
      message = bytes == null ? null : bytes.message();
    } else if (current != null && live(current)) {
      state = RUNNING;
      String kill = observed.healthKills().get(w.name());
      HealthStatus h = observed.health(current.id());
      if (kill != null) {
        message = "restarted: health check failed: " + kill;
      } else if (h.health() == Health.UNHEALTHY) {
        message = "unhealthy: " + h.message();
      }
    } else if (failure != null) {
      state = FAILED;
      message = failure.reason() + ": " + failure.message();
    } else if (current != null && current.task() == TaskState.STOPPED) {
      state = EXITED;
      exitCode = current.exitCode();
      String kill = observed.healthKills().get(w.name());
      String oom = current.oomKilled() ? oomKilled(w) : null;
      message =
          plan.waitFor(w.name())
              .map(
                  wait ->
                      (oom == null ? "" : oom + "; ")
                          + (kill == null ? "" : "health check failed: " + kill + "; ")
                          + "back-off: restarting at "
                          + wait.until())
              .orElse(kill == null ? oom : "killed: health check failed: " + kill);
    } else {
      state = PENDING;
    }
    boolean ready = runtimeProblem == null && Readiness.of(w, observed, now).ready();
    if (note != null) {
      message =
          message == null || note.message().contains(message)
              ? note.message()
              : note.message() + "; " + message;
    }
    return new WorkloadStatus(
        w.name(),
        w.deployment(),
        w.revision(),
        w.spec().image(),
        history.imageDigest(),
        state,
        history.restarts(),
        current != null && live(current) && runtimeProblem == null
            ? observed.health(current.id()).health().wireName()
            : Health.UNKNOWN.wireName(),
        exitCode,
        message,
        ready,
        note == null ? null : note.failedRevision());
  }

  /** The status word for a container the kernel killed for memory, with its limit if known. */
  private static String oomKilled(DesiredWorkload w) {
    var resources = w.spec().resources();
    return resources == null || resources.memoryMiB() == null
        ? "OOM-killed"
        : "OOM-killed: over its memory limit of " + resources.memoryMiB() + " MiB";
  }

  private static boolean live(Container c) {
    return Readiness.live(c);
  }
}
