package dev.skerry.agent.control;

import dev.skerry.agent.reconcile.Action;
import dev.skerry.agent.reconcile.ContainerNames;
import dev.skerry.agent.reconcile.DesiredState;
import dev.skerry.agent.reconcile.ObservedState;
import dev.skerry.agent.reconcile.Plan;
import dev.skerry.agent.reconcile.Planner;
import dev.skerry.agent.reconcile.RollbackPolicy;
import dev.skerry.agent.reconcile.StatusDeriver;
import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.ExitEvent;
import dev.skerry.agent.runtime.RuntimeFailure;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.DesiredStateStore;
import dev.skerry.agent.store.EventLog;
import dev.skerry.agent.store.RollbackStateStore;
import dev.skerry.agent.store.WorkloadHistoryStore;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WorkloadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reconcile loop: observe, {@link Planner plan}, {@link PlanExecutor execute}, derive status.
 * Passes run on one thread ({@code skerry-reconcile}), so they never overlap; triggers (a new
 * desired document, a container exit, the periodic resync, the end of a back-off) coalesce into at
 * most one queued pass.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

  /** What the last pass found; immutable, readable from any thread. */
  public record Snapshot(
      long desiredRevision, long appliedRevision, List<WorkloadStatus> workloads) {
    public static final Snapshot INITIAL = new Snapshot(0, 0, List.of());
  }

  private final ContainerRuntime runtime;
  private final Clock clock;
  private final Duration resync;
  private final Planner planner = new Planner();
  private final StatusDeriver deriver = new StatusDeriver();
  private final DesiredLoader loader;
  private final PlanExecutor executor;
  private final Observation observation;
  private final ReconcileMetrics metrics = new ReconcileMetrics();
  private final ScheduledExecutorService thread;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final Snapshots snapshots = new Snapshots();
  private final RolloutGuard rollouts;
  // Signs of life for systemd's watchdog: a pass began or ended, or a pull moved bytes.
  private volatile long lastProgressNanos = System.nanoTime();
  private final java.util.concurrent.CompletableFuture<Void> firstPass =
      new java.util.concurrent.CompletableFuture<>();
  private final FollowUps followUps;
  private String lastProblem;

  public Reconciler(ContainerRuntime runtime, AgentStores stores, Clock clock, Duration resync) {
    this(runtime, stores, clock, resync, HealthPort.NONE);
  }

  /** With the ports of {@code stores} it uses. */
  public Reconciler(
      ContainerRuntime runtime,
      AgentStores stores,
      Clock clock,
      Duration resync,
      HealthPort health) {
    this(
        runtime,
        stores.desired(),
        stores.histories(),
        stores.rollback(),
        stores.events(),
        clock,
        resync,
        health);
  }

  /**
   * @param health probes running containers that have a health check; its verdicts feed the planner
   */
  public Reconciler(
      ContainerRuntime runtime,
      DesiredStateStore desired,
      WorkloadHistoryStore histories,
      RollbackStateStore rollback,
      EventLog events,
      Clock clock,
      Duration resync,
      HealthPort health) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.resync = Objects.requireNonNull(resync, "resync");
    this.loader = new DesiredLoader(Objects.requireNonNull(desired, "desired"));
    this.rollouts = new RolloutGuard(rollback, events);
    this.executor = new PlanExecutor(runtime, histories, events, clock);
    this.observation = new Observation(runtime, executor, new HealthTracking(health), clock);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "skerry-reconcile");
              t.setDaemon(true);
              return t;
            });
    this.followUps = new FollowUps(thread, this::trigger, clock, resync);
  }

  /** Subscribes to exits, runs the first pass from the stored state and starts the resync timer. */
  public void start() {
    runtime.onExit(this::exited);
    thread.scheduleWithFixedDelay(
        this::trigger, resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
    trigger();
  }

  /** Asks for a pass soon; any thread. Coalesces with a pass already queued. */
  public void trigger() {
    if (queued.compareAndSet(false, true)) {
      try {
        thread.execute(this::pass);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        queued.set(false); // closing
      }
    }
  }

  /**
   * Called after every pass whose snapshot differs from the previous one, on the reconcile thread.
   */
  public void onChange(Runnable listener) {
    snapshots.onChange(listener);
  }

  public Snapshot snapshot() {
    return snapshots.current();
  }

  /**
   * When the loop last showed progress ({@link System#nanoTime()}): a pass began or ended, or a
   * pull received bytes. An idle loop still begins a pass every resync; any thread.
   */
  public long lastProgressNanos() {
    return lastProgressNanos;
  }

  /** Completes when the first pass has run (whatever it found); any thread. */
  public java.util.concurrent.CompletionStage<Void> firstPass() {
    return firstPass;
  }

  public ReconcileMetrics metrics() {
    return metrics;
  }

  private void exited(ExitEvent event) {
    String workload = ContainerNames.workloadOf(event.containerId());
    try {
      thread.execute(
          () -> {
            if (workload != null) {
              executor.exited(workload, event.exitStatus(), event.exitedAt());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return;
    }
    trigger();
  }

  private void pass() {
    queued.set(false);
    long started = System.nanoTime();
    lastProgressNanos = started;
    try {
      DesiredState desired = loader.load();
      Instant now = clock.instant();
      List<DesiredWorkload> candidates = rollouts.candidates(desired);
      ObservedState observed;
      try {
        observed = observation.observe(candidates);
      } catch (RuntimeFailure e) {
        String problem = e.reason() + ": " + e.getMessage();
        if (!problem.equals(lastProblem)) { // once per change, not every resync
          LOG.warning("cannot observe containers: " + problem);
          lastProblem = problem;
        }
        publish(
            new Snapshot(
                desired.revision(),
                snapshots.current().appliedRevision(),
                deriver.statuses(
                    desired, ObservedState.EMPTY, Plan.EMPTY, Set.of(), problem, now, Map.of())));
        return;
      }
      if (lastProblem != null) {
        LOG.info("containers observable again");
        lastProblem = null;
      }
      RollbackPolicy.Decision decision = rollouts.decide(desired, observed, now);
      DesiredState effective = decision.effective();
      Plan plan = planner.plan(effective, observed, now);
      if (plan.hasWork()) {
        LOG.fine(() -> "plan: " + plan.actions());
        Set<String> pulls = new HashSet<>();
        plan.actions().stream()
            .filter(Action.PullImage.class::isInstance)
            .forEach(a -> pulls.add(a.workload()));
        if (!pulls.isEmpty()) {
          // Pulls can take minutes: show "pulling" while they run, not only afterwards.
          publish(
              new Snapshot(
                  desired.revision(),
                  snapshots.current().appliedRevision(),
                  deriver.statuses(effective, observed, plan, pulls, null, now, decision.notes())));
        }
        ObservedState before = observed;
        long[] lastShown = {System.nanoTime() - 1_000_000_000L};
        executor.onPullProgress(
            () -> {
              lastProgressNanos = System.nanoTime();
              // At most once a second: every snapshot change may become a report to the hub.
              if (System.nanoTime() - lastShown[0] >= 1_000_000_000L) {
                lastShown[0] = System.nanoTime();
                publish(
                    new Snapshot(
                        desired.revision(),
                        snapshots.current().appliedRevision(),
                        deriver.statuses(
                            effective,
                            before,
                            plan,
                            pulls,
                            null,
                            clock.instant(),
                            decision.notes(),
                            executor.pullBytes())));
              }
            });
        PlanExecutor.Outcome outcome;
        try {
          outcome = executor.execute(plan, effective);
        } finally {
          executor.onPullProgress(() -> {});
        }
        metrics.actionsDone.addAndGet(outcome.done());
        metrics.actionsFailed.addAndGet(outcome.failed());
        observed = observation.observe(candidates);
      }
      Instant end = clock.instant();
      Optional<Instant> readyAt = rollouts.remember(effective, observed, end);
      Plan after = planner.plan(effective, observed, end);
      // A rolled-back device does not match its desired revision, whatever runs.
      long applied = snapshots.current().appliedRevision();
      if (!decision.rolledBackAny() && (plan.converged() || after.converged())) {
        applied = desired.revision();
      }
      publish(
          new Snapshot(
              desired.revision(),
              applied,
              deriver.statuses(
                  effective,
                  observed,
                  after,
                  executor.pulling(),
                  null,
                  end,
                  decision.notes(),
                  executor.pullBytes())));
      followUps.schedule(plan, after, FollowUps.earliest(decision.nextDeadline(), readyAt));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "reconcile pass failed", e);
    } finally {
      metrics.passes.incrementAndGet();
      metrics.passNanos.addAndGet(System.nanoTime() - started);
      lastProgressNanos = System.nanoTime();
      firstPass.complete(null);
    }
  }

  private void publish(Snapshot next) {
    snapshots.publish(next);
  }

  /** Stops the loop. Containers keep running: the agent never stops workloads on its own exit. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
