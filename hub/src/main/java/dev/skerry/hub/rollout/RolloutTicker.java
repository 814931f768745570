package dev.skerry.hub.rollout;

import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.hub.deploy.ControlLoop;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Steps the active rollouts on the control loop at a fixed period; never two ticks queued. */
public final class RolloutTicker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutTicker.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          NamedThreads.factory("skerry-hub-rollout-timer", true));
  private final AtomicBoolean queued = new AtomicBoolean();

  private RolloutTicker() {}

  public static RolloutTicker start(ControlLoop loop, RolloutService rollouts, Duration period) {
    RolloutTicker ticker = new RolloutTicker();
    ticker.timer.scheduleWithFixedDelay(
        () -> {
          if (ticker.queued.compareAndSet(false, true)) {
            loop.submit(
                    () -> {
                      ticker.queued.set(false);
                      rollouts.tick();
                      return null;
                    })
                .exceptionally(
                    t -> {
                      ticker.queued.set(false);
                      LOG.warn("Stepping rollouts failed: {}", t.toString());
                      return null;
                    });
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return ticker;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
