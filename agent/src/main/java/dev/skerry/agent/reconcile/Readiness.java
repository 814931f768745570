package dev.skerry.agent.reconcile;

import dev.skerry.agent.health.Health;
import dev.skerry.agent.health.HealthStatus;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.core.wire.DesiredWorkload;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * Whether a workload is ready: its current container runs the desired spec, is running, and either
 * passes its health check or, without one, has run {@code minReadySeconds} since its last start
 * without restarting; or it is a job ({@code never} / {@code on-failure}) that exited 0. Pure.
 *
 * @param ready the verdict
 * @param why when not ready, a short reason for a status message (e.g. {@code unhealthy: HTTP
 *     500}); null when ready
 * @param readyAt when a container without a health check will be ready if it keeps running; null
 *     otherwise
 */
public record Readiness(boolean ready, String why, Instant readyAt) {
  static final Readiness READY = new Readiness(true, null, null);

  static Readiness notReady(String why) {
    return new Readiness(false, why, null);
  }

  /** The readiness of {@code w} as observed {@code now}. */
  public static Readiness of(DesiredWorkload w, ObservedState observed, Instant now) {
    String hash = SpecHash.of(w.spec());
    Failure failure = observed.failures().get(w.name());
    Container current = current(w, observed);
    if (current == null || current.task() != TaskState.RUNNING) {
      if (failure != null && hash.equals(failure.specHash())) {
        return notReady(failure.reason() + ": " + failure.message());
      }
    }
    if (current == null) {
      return notReady("not started yet");
    }
    WorkloadHistory history = observed.history(w.name());
    String kill = observed.healthKills().get(w.name());
    return switch (current.task()) {
      case RUNNING -> running(w, current, history, kill, observed, now);
      case STOPPED ->
          finished(w, current, kill) ? READY : notReady(exited(current.exitCode(), history, kill));
      default -> notReady("task " + current.task().name().toLowerCase(java.util.Locale.ROOT));
    };
  }

  /**
   * A run-to-completion workload ({@code never} or {@code on-failure}) that exited 0 on its own did
   * what it should: it counts as ready, so an update to a job is not rolled back for ending.
   */
  private static boolean finished(DesiredWorkload w, Container current, String kill) {
    String policy = w.spec().restartPolicyOrDefault();
    return kill == null
        && current.exitCode() != null
        && current.exitCode() == 0
        && ("never".equals(policy) || "on-failure".equals(policy));
  }

  private static Readiness running(
      DesiredWorkload w,
      Container current,
      WorkloadHistory history,
      String kill,
      ObservedState observed,
      Instant now) {
    if (w.spec().healthCheck() != null) {
      HealthStatus h = observed.health(current.id());
      if (h.health() == Health.HEALTHY) {
        return READY;
      }
      if (h.health() == Health.UNHEALTHY) {
        return notReady("unhealthy: " + h.message());
      }
      return notReady(
          kill != null ? "unhealthy: " + kill : "no health verdict yet (" + h.message() + ")");
    }
    // A start the agent did not record (an adopted container, a lost database) counts as long
    // ago, as unknown exits do in the planner.
    if (history.lastStartedAt() == null) {
      return READY;
    }
    int minReady = w.rolloutOrDefault().minReadySeconds();
    Instant readyAt = history.lastStartedAt().plus(Duration.ofSeconds(minReady));
    if (!now.isBefore(readyAt)) {
      return READY;
    }
    String why =
        history.backoffStreak() > 0 && history.lastExitCode() != null
            ? "crash loop: last exit code " + history.lastExitCode()
            : "running for less than " + minReady + " s";
    return new Readiness(false, why, readyAt);
  }

  private static String exited(Integer exitCode, WorkloadHistory history, String kill) {
    if (kill != null) {
      return "unhealthy: " + kill;
    }
    String code = exitCode == null ? "unknown" : exitCode.toString();
    return history.backoffStreak() > 0
        ? "crash loop: exit code " + code
        : "exited with code " + code;
  }

  /**
   * The container that runs {@code w}'s spec: a live one first, then the newest revision; null if
   * there is none.
   */
  static Container current(DesiredWorkload w, ObservedState observed) {
    String hash = SpecHash.of(w.spec());
    return observed.containers().stream()
        .filter(Planner::isSkerrys)
        .filter(c -> c.workload().equals(w.name()) && hash.equals(c.specHash()))
        .min(
            Comparator.comparing((Container c) -> !live(c))
                .thenComparing(Container::revision, Comparator.reverseOrder()))
        .orElse(null);
  }

  static boolean live(Container c) {
    return c.task() == TaskState.RUNNING || c.task() == TaskState.PAUSED;
  }
}
