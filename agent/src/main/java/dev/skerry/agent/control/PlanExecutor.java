package dev.skerry.agent.control;

import dev.skerry.agent.reconcile.Action;
import dev.skerry.agent.reconcile.DesiredState;
import dev.skerry.agent.reconcile.Failure;
import dev.skerry.agent.reconcile.Plan;
import dev.skerry.agent.reconcile.PullBytes;
import dev.skerry.agent.reconcile.SpecHash;
import dev.skerry.agent.reconcile.WorkloadHistory;
import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.ContainerSpec;
import dev.skerry.agent.runtime.ResolvedImage;
import dev.skerry.agent.runtime.RuntimeFailure;
import dev.skerry.agent.store.EventLog;
import dev.skerry.agent.store.WorkloadHistoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out a {@link Plan} through the {@link ContainerRuntime}. A failed action becomes a {@link
 * Failure} of its workload and skips that workload's remaining actions; other workloads go on. Runs
 * only on the reconcile thread (except {@link #pulling()}, readable from any thread).
 */
public final class PlanExecutor {
  private static final Logger LOG = Logger.getLogger(PlanExecutor.class.getName());
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ContainerRuntime runtime;
  private final WorkloadHistoryStore store;
  private final EventLog events;
  private final Clock clock;
  private final Map<String, WorkloadHistory> histories = new HashMap<>();
  private final Map<String, Failure> failures = new HashMap<>();
  private final Map<String, ResolvedImage> resolved = new HashMap<>();
  private final Set<String> pulling = ConcurrentHashMap.newKeySet();
  private final Map<String, PullBytes> pullBytes = new ConcurrentHashMap<>();
  private volatile Runnable onPullProgress = () -> {};
  private final Map<String, String> healthKills = new HashMap<>();

  /** Workloads whose next exit event is the agent's own health kill. */
  private final Set<String> killing = new java.util.HashSet<>();

  public PlanExecutor(
      ContainerRuntime runtime, WorkloadHistoryStore store, EventLog events, Clock clock) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.store = Objects.requireNonNull(store, "store");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    histories.putAll(store.workloadHistories());
  }

  /** Outcome counts of one execution. */
  public record Outcome(int done, int failed) {}

  public Outcome execute(Plan plan, DesiredState desired) {
    int done = 0;
    int failed = 0;
    for (Map.Entry<String, List<Action>> group : plan.byWorkload().entrySet()) {
      for (Action action : group.getValue()) {
        if (action instanceof Action.Wait) {
          continue;
        }
        try {
          run(action, desired);
          done++;
        } catch (RuntimeFailure e) {
          failed++;
          fail(action, desired, e.reason(), e.getMessage(), e.retryable());
          break;
        } catch (RuntimeException e) {
          failed++;
          LOG.log(Level.WARNING, "unexpected error running " + action, e);
          fail(action, desired, "InternalError", String.valueOf(e), true);
          break;
        } finally {
          pulling.remove(group.getKey());
        }
      }
    }
    return new Outcome(done, failed);
  }

  private void run(Action action, DesiredState desired) {
    // Java 17: no pattern matching for switch yet, so instanceof chains over the sealed type.
    if (action instanceof Action.PullImage pull) {
      pulling.add(pull.workload());
      try {
        resolved.put(
            pull.image(),
            runtime.ensureImage(
                pull.image(),
                (done, total) -> {
                  pullBytes.put(pull.image(), new PullBytes(done, total));
                  onPullProgress.run();
                }));
      } finally {
        pullBytes.remove(pull.image());
      }
      event(pull.workload(), "pulled", "pulled image " + pull.image());
    } else if (action instanceof Action.CreateAndStart create) {
      createAndStart(create);
    } else if (action instanceof Action.Restart restart) {
      runtime.restart(restart.containerId());
      update(
          history(restart.workload())
              .started(clock.instant(), restart.backoffStreak(), true, null));
      failures.remove(restart.workload());
      event(restart.workload(), "restarted", "restarted container " + restart.containerId());
    } else if (action instanceof Action.KillUnhealthy kill) {
      LOG.info(kill.workload() + ": health check failed (" + kill.reason() + "), killing its task");
      killing.add(kill.workload());
      healthKills.put(kill.workload(), kill.reason());
      runtime.stop(kill.containerId(), STOP_GRACE);
      event(kill.workload(), "unhealthy", "killed unhealthy container: " + kill.reason());
    } else if (action instanceof Action.Stop stop) {
      runtime.stop(stop.containerId(), STOP_GRACE);
    } else if (action instanceof Action.Remove remove) {
      runtime.remove(remove.containerId());
      healthKills.remove(remove.workload());
      event(remove.workload(), "removed", "removed container " + remove.containerId());
      if (desired.workload(remove.workload()).isEmpty()) {
        histories.remove(remove.workload());
        failures.remove(remove.workload());
        store.deleteWorkloadHistory(remove.workload());
      }
    }
  }

  private void createAndStart(Action.CreateAndStart create) {
    String ref = create.desired().spec().image();
    ResolvedImage image = resolved.get(ref);
    if (image == null) {
      image = runtime.findImage(ref);
    }
    if (image == null) {
      image = runtime.ensureImage(ref, ContainerRuntime.PullProgress.NONE);
    }
    runtime.createAndStart(
        new ContainerSpec(
            create.containerId(),
            create.desired().deployment(),
            create.desired().revision(),
            create.specHash(),
            create.desired().spec(),
            image));
    update(history(create.workload()).started(clock.instant(), 0, false, image.digest()));
    healthKills.remove(create.workload());
    failures.remove(create.workload());
    event(create.workload(), "created", "started container " + create.containerId());
  }

  private void fail(
      Action action, DesiredState desired, String reason, String message, boolean retryable) {
    String workload = action.workload();
    String hash = desired.workload(workload).map(w -> SpecHash.of(w.spec())).orElse("");
    Failure previous = failures.get(workload);
    int attempts =
        previous != null && previous.specHash().equals(hash) ? previous.attempts() + 1 : 1;
    failures.put(
        workload,
        new Failure(workload, hash, reason, message, retryable, attempts, clock.instant()));
    LOG.warning(
        workload
            + ": "
            + action.getClass().getSimpleName()
            + " failed: "
            + reason
            + ": "
            + message);
    event(workload, "failed", reason + ": " + message);
  }

  /** Records an exit seen on the event stream; reconcile thread. */
  public void exited(String workload, int exitCode, java.time.Instant at) {
    update(history(workload).exited(exitCode, at));
    if (!killing.remove(workload)) {
      healthKills.remove(workload); // an exit of its own: the health kill is old news
    }
  }

  private WorkloadHistory history(String workload) {
    return histories.getOrDefault(workload, WorkloadHistory.fresh(workload));
  }

  private void update(WorkloadHistory history) {
    histories.put(history.workload(), history);
    store.saveWorkloadHistory(history);
  }

  private void event(String workload, String kind, String message) {
    events.logEvent(workload, kind, message);
  }

  public Map<String, WorkloadHistory> histories() {
    return Map.copyOf(histories);
  }

  /** By workload: the health message that got its container killed last. */
  public Map<String, String> healthKills() {
    return Map.copyOf(healthKills);
  }

  public Map<String, Failure> failures() {
    return Map.copyOf(failures);
  }

  /** Progress of the pulls running now, by image reference; any thread. */
  public Map<String, PullBytes> pullBytes() {
    return Map.copyOf(pullBytes);
  }

  /** Called (on the pulling thread) whenever a running pull reports progress. */
  void onPullProgress(Runnable listener) {
    this.onPullProgress = Objects.requireNonNull(listener);
  }

  /** Workloads whose image is being pulled right now; any thread. */
  public Set<String> pulling() {
    return Set.copyOf(pulling);
  }
}
