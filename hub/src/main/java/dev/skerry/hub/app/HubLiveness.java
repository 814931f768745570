package dev.skerry.hub.app;

import dev.skerry.core.systemd.Liveness;
import dev.skerry.hub.deploy.ControlLoop;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hub's loops answer probes: each probe is a no-op handed to the control loop and to the REST
 * event loop, and a loop's last sign of life is when it last ran one. A loop that is merely busy
 * answers after its queue; a hung one never does. At most one probe per loop is outstanding, so a
 * hung loop's queue does not grow.
 */
public final class HubLiveness implements Liveness {
  private final ControlLoop control;
  private final Vertx vertx;
  private final AtomicBoolean controlPending = new AtomicBoolean();
  private final AtomicBoolean eventLoopPending = new AtomicBoolean();
  private volatile long controlAnswered = System.nanoTime();
  private volatile long eventLoopAnswered = System.nanoTime();

  HubLiveness(ControlLoop control, Vertx vertx) {
    this.control = Objects.requireNonNull(control, "control");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  @Override
  public void probe() {
    if (controlPending.compareAndSet(false, true)) {
      try {
        control.submit(
            () -> {
              controlAnswered = System.nanoTime();
              controlPending.set(false);
              return null;
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        controlPending.set(false); // shutting down
      }
    }
    if (eventLoopPending.compareAndSet(false, true)) {
      vertx.runOnContext(
          v -> {
            eventLoopAnswered = System.nanoTime();
            eventLoopPending.set(false);
          });
    }
  }

  /** The older of the two loops' last answers. */
  @Override
  public long lastProgressNanos() {
    long a = controlAnswered;
    long b = eventLoopAnswered;
    return a - b < 0 ? a : b;
  }
}
