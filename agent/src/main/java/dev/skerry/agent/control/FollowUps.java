package dev.skerry.agent.control;

import dev.skerry.agent.reconcile.Plan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When the next pass comes after one that acted: at once while work remains (a few times in a row),
 * else at the plan's or the rollout's next wake-up if that is before the resync. Reconcile thread.
 */
final class FollowUps {
  /** Follow-up passes in a row after acting, before leaving it to the resync timer. */
  private static final int MAX_FOLLOW_UPS = 3;

  private final ScheduledExecutorService thread;
  private final Runnable trigger;
  private final Clock clock;
  private final Duration resync;
  private int followUps;
  private ScheduledFuture<?> wakeUp;

  FollowUps(ScheduledExecutorService thread, Runnable trigger, Clock clock, Duration resync) {
    this.thread = thread;
    this.trigger = trigger;
    this.clock = clock;
    this.resync = resync;
  }

  static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
  }

  /**
   * @param rollout when a probation deadline passes or a container becomes ready, if earlier than
   *     the plan's own wake-up
   */
  void schedule(Plan before, Plan after, Optional<Instant> rollout) {
    if (wakeUp != null) {
      wakeUp.cancel(false);
      wakeUp = null;
    }
    if (before.hasWork() && after.hasWork() && followUps < MAX_FOLLOW_UPS) {
      followUps++;
      trigger.run();
      return;
    }
    followUps = 0;
    earliest(after.nextWakeUp(), rollout)
        .ifPresent(
            until -> {
              long delay = Math.max(0, Duration.between(clock.instant(), until).toMillis());
              if (delay < resync.toMillis()) {
                wakeUp = thread.schedule(trigger, delay + 1, TimeUnit.MILLISECONDS);
              }
            });
  }
}
