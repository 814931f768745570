package dev.skerry.agent.reconcile;

import dev.skerry.agent.health.Health;
import dev.skerry.agent.health.HealthStatus;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.core.wire.DesiredWorkload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides what to do: pure, no I/O, same inputs give the same plan.
 *
 * <p>Rules: containers are Skerry's only if they carry the {@code skerry.workload} label; anything
 * else is never touched. For each desired workload the container whose spec hash matches is kept (a
 * running one is adopted, never restarted); every other container of that workload is stopped and
 * removed. A missing container is created after its image is pulled, and the pull comes before the
 * old container is stopped, so a failed pull leaves the old revision running. Exited containers
 * restart per restart policy with {@link Backoff}. Containers of workloads no longer desired are
 * stopped and removed.
 *
 * <p>Update strategy {@code stop-first} (the default) stops the old container before the new one is
 * created; {@code start-first} creates and starts the new one beside the old one and stops the old
 * one only once the new one is {@link Readiness ready}.
 */
public final class Planner {

  public Plan plan(DesiredState desired, ObservedState observed, Instant now) {
    if (!desired.known()) {
      return Plan.EMPTY;
    }
    Map<String, List<Container>> byWorkload =
        observed.containers().stream()
            .filter(Planner::isSkerrys)
            .collect(Collectors.groupingBy(Container::workload, TreeMap::new, Collectors.toList()));
    Set<String> desiredNames =
        desired.workloads().stream().map(DesiredWorkload::name).collect(Collectors.toSet());
    List<Action> actions = new ArrayList<>();
    byWorkload.forEach(
        (workload, containers) -> {
          if (!desiredNames.contains(workload)) {
            containers.stream().sorted(BY_ID).forEach(c -> stopAndRemove(c, actions));
          }
        });
    desired.workloads().stream()
        .sorted(Comparator.comparing(DesiredWorkload::name))
        .forEach(
            w ->
                planWorkload(
                    w, byWorkload.getOrDefault(w.name(), List.of()), observed, now, actions));
    return new Plan(actions);
  }

  /** Whether a container carries Skerry's labels; the rest of the namespace is not ours. */
  public static boolean isSkerrys(Container c) {
    return c.workload() != null
        && !c.workload().isEmpty()
        && c.labels() != null
        && c.workload().equals(c.labels().get(ContainerNames.LABEL_WORKLOAD));
  }

  private static final Comparator<Container> BY_ID = Comparator.comparing(Container::id);

  /** Prefer a live container, then the newest revision, then the id for a stable choice. */
  private static final Comparator<Container> KEEPER_FIRST =
      Comparator.comparing((Container c) -> !isLive(c))
          .thenComparing(Container::revision, Comparator.reverseOrder())
          .thenComparing(Container::id);

  private void planWorkload(
      DesiredWorkload w,
      List<Container> containers,
      ObservedState observed,
      Instant now,
      List<Action> actions) {
    String hash = SpecHash.of(w.spec());
    Container keeper =
        containers.stream()
            .filter(c -> hash.equals(c.specHash()))
            .filter(c -> c.task() != TaskState.CREATED)
            .sorted(KEEPER_FIRST)
            .findFirst()
            .orElse(null);
    List<Container> obsolete = containers.stream().filter(c -> c != keeper).sorted(BY_ID).toList();
    Failure failure = observed.failures().get(w.name());
    if (failure != null && !hash.equals(failure.specHash())) {
      failure = null; // a new spec deserves a fresh try
    }
    boolean startFirst = START_FIRST.equals(w.spec().updateStrategyOrDefault());
    if (keeper != null) {
      boolean keeperReady = Readiness.of(w, observed, now).ready();
      List<Container> kept = new ArrayList<>();
      for (Container c : obsolete) {
        if (startFirst && !keeperReady && keepsRunningBeside(c, w)) {
          kept.add(c);
        } else {
          stopAndRemove(c, actions);
        }
      }
      planKeeper(w, keeper, observed, failure, now, actions);
      if (!kept.isEmpty()) {
        actions.add(new Action.Wait(w.name(), readyCheck(w, observed, now), WAITING_FOR_READY));
      }
      return;
    }
    if (failure != null && now.isBefore(failure.retryAt())) {
      actions.add(new Action.Wait(w.name(), failure.retryAt(), failure.reason()));
      return;
    }
    if (!observed.presentImages().contains(w.spec().image())) {
      actions.add(new Action.PullImage(w.name(), w.spec().image()));
    }
    obsolete.stream()
        .filter(c -> !(startFirst && keepsRunningBeside(c, w)))
        .forEach(c -> stopAndRemove(c, actions));
    actions.add(new Action.CreateAndStart(w, ContainerNames.of(w.name(), w.revision()), hash));
  }

  static final String START_FIRST = "start-first";
  static final String WAITING_FOR_READY = "start-first: old container runs until the new is ready";

  /**
   * Under start-first, whether an old container keeps running beside the new one until the new one
   * is ready: only a live one of an older revision. A newer one is what a rollback gives up on, so
   * it goes at once; one of the same revision has the new container's id, so it must go first.
   */
  private static boolean keepsRunningBeside(Container old, DesiredWorkload w) {
    return isLive(old) && old.revision() < w.revision();
  }

  /** When to look again at a start-first update: when it will be ready, or soon for a probe. */
  private static Instant readyCheck(DesiredWorkload w, ObservedState observed, Instant now) {
    Instant readyAt = Readiness.of(w, observed, now).readyAt();
    return readyAt != null ? readyAt : now.plus(START_FIRST_RECHECK);
  }

  /** A health change triggers a pass anyway; this only bounds the wait if one is missed. */
  private static final Duration START_FIRST_RECHECK = Duration.ofSeconds(5);

  private void planKeeper(
      DesiredWorkload w,
      Container keeper,
      ObservedState observed,
      Failure failure,
      Instant now,
      List<Action> actions) {
    WorkloadHistory history = observed.history(w.name());
    String policy = w.spec().restartPolicyOrDefault();
    switch (keeper.task()) {
      case RUNNING -> {
        // Adopt; but a container that failed its health check counts as failed: kill it so the
        // STOPPED rule below restarts it with back-off. "never" leaves it running, unhealthy.
        HealthStatus health = observed.health(keeper.id());
        if (health.health() == Health.UNHEALTHY
            && w.spec().healthCheck() != null
            && !"never".equals(policy)) {
          actions.add(new Action.KillUnhealthy(w.name(), keeper.id(), health.message()));
        }
      }
      case PAUSED, UNKNOWN, CREATED -> {
        // Paused: adopt. UNKNOWN: containerd cannot say; acting blind could kill a healthy
        // workload, so wait for the next observation.
      }
      case NONE -> {
        // No task at all: typically after a reboot. Not an exit of the workload's own making,
        // so no back-off, but "never" means never.
        if (!"never".equals(policy)) {
          gated(
              failure,
              now,
              w.name(),
              actions,
              new Action.Restart(w.name(), keeper.id(), history.backoffStreak()));
        }
      }
      case STOPPED -> {
        boolean wantsRestart =
            switch (policy) {
              case "never" -> false;
              case "on-failure" -> keeper.exitCode() == null || keeper.exitCode() != 0;
              default -> true;
            };
        if (!wantsRestart) {
          return;
        }
        int streak = streakAtExit(history, keeper);
        Instant exitedAt = exitedAt(keeper, history);
        Instant until = exitedAt.plus(Backoff.delay(streak));
        if (now.isBefore(until)) {
          actions.add(new Action.Wait(w.name(), until, "CrashLoopBackOff"));
        } else {
          gated(
              failure,
              now,
              w.name(),
              actions,
              new Action.Restart(w.name(), keeper.id(), streak + 1));
        }
      }
    }
  }

  private static void gated(
      Failure failure, Instant now, String workload, List<Action> actions, Action action) {
    if (failure != null && now.isBefore(failure.retryAt())) {
      actions.add(new Action.Wait(workload, failure.retryAt(), failure.reason()));
    } else {
      actions.add(action);
    }
  }

  /** The streak to count from: forgotten when the container ran long enough before exiting. */
  static int streakAtExit(WorkloadHistory history, Container c) {
    Instant exitedAt = exitedAt(c, history);
    if (history.lastStartedAt() != null
        && !exitedAt.equals(Instant.EPOCH)
        && Duration.between(history.lastStartedAt(), exitedAt).compareTo(Backoff.RESET_AFTER)
            >= 0) {
      return 0;
    }
    return history.backoffStreak();
  }

  /** When the container exited; unknown exits count as long ago (restart without delay). */
  private static Instant exitedAt(Container c, WorkloadHistory history) {
    if (c.exitedAt() != null) {
      return c.exitedAt();
    }
    return history.lastExitAt() != null ? history.lastExitAt() : Instant.EPOCH;
  }

  private static boolean isLive(Container c) {
    return c.task() == TaskState.RUNNING || c.task() == TaskState.PAUSED;
  }

  private static void stopAndRemove(Container c, List<Action> actions) {
    if (isLive(c) || c.task() == TaskState.UNKNOWN || c.task() == TaskState.CREATED) {
      actions.add(new Action.Stop(c.workload(), c.id()));
    }
    actions.add(new Action.Remove(c.workload(), c.id()));
  }
}
