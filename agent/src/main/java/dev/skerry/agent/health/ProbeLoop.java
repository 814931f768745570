package dev.skerry.agent.health;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;

/**
 * Probes one container, one probe at a time: the next probe is scheduled only when the previous one
 * has finished. Its state changes on the monitor's event-loop context only; {@link #status} and
 * {@link #stop} may be called from any thread.
 */
final class ProbeLoop {
  private static final System.Logger LOG = System.getLogger(ProbeLoop.class.getName());

  private final Context context;
  private final Clock clock;
  private final String containerId;
  private final String workloadName;
  private final Probe probe;
  private final HealthListener listener;
  private volatile ProbeState state; // immutable value, replaced on the event loop
  private volatile boolean stopped;
  private long timerId = -1; // event loop only

  ProbeLoop(
      Context context,
      Clock clock,
      String containerId,
      String workloadName,
      Probe probe,
      ProbeState initial,
      HealthListener listener) {
    this.context = context;
    this.clock = clock;
    this.containerId = containerId;
    this.workloadName = workloadName;
    this.probe = probe;
    this.state = initial;
    this.listener = listener;
  }

  /** Starts probing; tells the listener if the health a previous loop reported no longer holds. */
  void begin(Health previous) {
    context.runOnContext(
        v -> {
          if (stopped) {
            return;
          }
          ProbeVerdict verdict = state.verdict(clock.instant());
          if (verdict.health() != previous) {
            publish(verdict);
          }
          scheduleNext();
        });
  }

  /** Ends probing; a probe in flight finishes but its result is dropped. Any thread. */
  void stop() {
    stopped = true;
    context.runOnContext(v -> context.owner().cancelTimer(timerId));
  }

  /** Health and reason now. Any thread. */
  HealthStatus status() {
    ProbeVerdict verdict = state.verdict(clock.instant());
    return new HealthStatus(verdict.health(), verdict.message());
  }

  private void scheduleNext() {
    long delay = Math.max(1, state.delayUntilNextProbe(clock.instant()).toMillis());
    timerId = context.owner().setTimer(delay, id -> runProbe());
  }

  private void runProbe() {
    if (stopped) {
      return;
    }
    Future<ProbeOutcome> check;
    try {
      check = probe.check();
    } catch (RuntimeException e) { // a probe bug must not end the loop
      check = Future.succeededFuture(ProbeOutcome.failure(Deadline.describe(e)));
    }
    check.onComplete(
        ar -> {
          if (stopped) {
            return;
          }
          ProbeOutcome outcome =
              ar.succeeded() ? ar.result() : ProbeOutcome.failure(Deadline.describe(ar.cause()));
          Instant now = clock.instant();
          Health before = state.health(now);
          state = state.record(ProbeResult.of(now, outcome));
          ProbeVerdict verdict = state.verdict(now);
          if (verdict.health() != before) {
            publish(verdict);
          }
          scheduleNext();
        });
  }

  private void publish(ProbeVerdict verdict) {
    LOG.log(
        System.Logger.Level.INFO,
        "workload {0} container {1}: {2} ({3})",
        workloadName,
        containerId,
        verdict.health().wireName(),
        verdict.message());
    try {
      listener.onChange(containerId, verdict.health(), verdict.message());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "health listener failed for " + containerId, e);
    }
  }
}
