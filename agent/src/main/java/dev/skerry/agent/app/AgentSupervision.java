package dev.skerry.agent.app;

import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.sync.HubLink;
import dev.skerry.core.systemd.ServiceManager;
import dev.skerry.core.systemd.Supervisor;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the agent tells systemd: {@code READY=1} once the store is open and the first reconcile pass
 * ran, the {@link StatusLine}, and watchdog pings while the reconcile loop progresses.
 */
final class AgentSupervision implements AutoCloseable {
  /**
   * How long the reconcile loop may show no sign of life before the watchdog pings stop. Longer
   * than the longest deadline of any single call a pass makes (a layer unpack: 15 minutes), during
   * which a healthy loop is silent; a pass stuck past every deadline is hung.
   */
  static final Duration LOOP_STALL_LIMIT = Duration.ofMinutes(16);

  private final Reconciler reconciler;
  private final BooleanSupplier reconciling;
  private final Supplier<String> desiredProblem;
  private final Supervisor supervisor;
  private volatile StatusLine.Hub hub = StatusLine.Hub.STARTING;
  private volatile HubLink link;

  /**
   * @param reconciling whether the loop runs (it does not while the stored state is refused; a loop
   *     that does not run is not hung)
   */
  AgentSupervision(
      ServiceManager manager,
      Reconciler reconciler,
      BooleanSupplier reconciling,
      Supplier<String> desiredProblem,
      Duration stallLimit) {
    this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    this.reconciling = reconciling;
    this.desiredProblem = desiredProblem;
    this.supervisor =
        Supervisor.start(
            manager,
            () -> reconciling.getAsBoolean() ? reconciler.lastProgressNanos() : System.nanoTime(),
            stallLimit,
            this::line);
  }

  /** Ready after the first pass, or now if the loop does not run (the stored state is refused). */
  void readyWhenReconciled() {
    if (reconciling.getAsBoolean()) {
      reconciler.firstPass().thenRun(supervisor::ready);
    } else {
      supervisor.ready();
    }
  }

  void enrolling() {
    hub = StatusLine.Hub.ENROLLING;
    supervisor.statusChanged();
  }

  /**
   * @param link the hub link, or null when offline-only
   * @param refused whether enrollment was refused
   */
  void hubResolved(HubLink link, boolean refused) {
    this.link = link;
    hub =
        link != null
            ? StatusLine.Hub.UNREACHABLE
            : refused ? StatusLine.Hub.NOT_ENROLLED : StatusLine.Hub.OFFLINE_ONLY;
    if (link != null) {
      link.onConnected(supervisor::statusChanged);
    }
    supervisor.statusChanged();
  }

  /** A reconcile pass changed what runs. */
  void changed() {
    supervisor.statusChanged();
  }

  private String line() {
    HubLink l = link;
    StatusLine.Hub h = hub;
    if (l != null) {
      h = l.connected() ? StatusLine.Hub.CONNECTED : StatusLine.Hub.UNREACHABLE;
    }
    return StatusLine.of(
        h,
        reconciler.firstPass().toCompletableFuture().isDone(),
        reconciling.getAsBoolean() ? null : desiredProblem.get(),
        reconciler.snapshot().workloads());
  }

  /** {@code STOPPING=1}; the pings end. */
  void stopping() {
    supervisor.stopping("stopping; workloads keep running");
  }

  @Override
  public void close() {
    supervisor.close();
  }
}
