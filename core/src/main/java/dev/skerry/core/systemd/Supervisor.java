package dev.skerry.core.systemd;

import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.core.concurrent.RunsOn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps systemd informed on its own thread ({@code skerry-watchdog}): a watchdog ping each tick
 * while the watched loop progresses ({@link Watchdog}), the status line whenever it changes, and
 * before {@link #ready()} a start-timeout extension while start-up progresses. Does nothing (no
 * thread) when no service manager listens.
 */
public final class Supervisor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Supervisor.class.getName());

  /** How often the status line is looked at when there is no faster watchdog tick. */
  static final Duration STATUS_EVERY = Duration.ofSeconds(5);

  private final ServiceManager manager;
  private final Liveness liveness;
  private final Watchdog watchdog;
  private final Supplier<String> status;
  private final Duration tick;
  private final ScheduledExecutorService thread;
  private volatile boolean ready;
  private volatile boolean stopped;
  private String lastStatus;
  private boolean stallReported;

  /** Not yet ticking: {@link #start} schedules it; tests tick by hand. */
  Supervisor(
      ServiceManager manager, Liveness liveness, Duration stallLimit, Supplier<String> status) {
    this.manager = Objects.requireNonNull(manager, "manager");
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.watchdog = new Watchdog(stallLimit);
    this.status = Objects.requireNonNull(status, "status");
    this.tick =
        manager
            .watchdogTimeout()
            .map(Watchdog::pingInterval)
            .filter(d -> d.compareTo(STATUS_EVERY) < 0)
            .orElse(STATUS_EVERY);
    this.thread =
        manager.active()
            ? Executors.newSingleThreadScheduledExecutor(
                NamedThreads.factory("skerry-watchdog", true))
            : null;
  }

  /**
   * Starts ticking.
   *
   * @param stallLimit how long {@code liveness} may show no progress before the pings stop
   * @param status the current status line, asked for on the supervisor's thread
   */
  public static Supervisor start(
      ServiceManager manager, Liveness liveness, Duration stallLimit, Supplier<String> status) {
    Supervisor s = new Supervisor(manager, liveness, stallLimit, status);
    if (s.thread != null) {
      s.thread.scheduleWithFixedDelay(s::tickSafely, 0, s.tick.toNanos(), TimeUnit.NANOSECONDS);
    }
    return s;
  }

  /** Start-up is done: {@code READY=1} with the current status; once. Any thread. */
  public void ready() {
    if (thread == null || ready) {
      return;
    }
    submit(this::becomeReady);
  }

  @RunsOn("skerry-watchdog")
  void becomeReady() {
    if (!ready) {
      ready = true;
      lastStatus = status.get();
      manager.notify(NotifyMessage.ready(lastStatus));
    }
  }

  /** Sets the status line now rather than at the next tick. Any thread. */
  public void statusChanged() {
    submit(this::sendStatusIfChanged);
  }

  /** The datagrams of one tick; pure given its inputs, exposed for tests. */
  static List<String> tickMessages(
      boolean watchdogOn, boolean alive, boolean ready, Duration tick) {
    List<String> out = new ArrayList<>(2);
    if (watchdogOn && alive) {
      out.add(NotifyMessage.watchdog());
    }
    if (!ready && alive) {
      // Three ticks ahead: one late tick does not make systemd give up on a start that progresses.
      out.add(NotifyMessage.extendTimeout(tick.multipliedBy(3)));
    }
    return out;
  }

  @RunsOn("skerry-watchdog")
  void tick(long nowNanos) {
    liveness.probe();
    boolean alive = watchdog.shouldPing(liveness.lastProgressNanos(), nowNanos);
    if (!alive && !stallReported) {
      LOG.log(
          System.Logger.Level.WARNING,
          "no progress for more than "
              + watchdog.stallLimit()
              + ": not telling systemd's watchdog that all is well");
    }
    stallReported = !alive;
    for (String m : tickMessages(manager.watchdogTimeout().isPresent(), alive, ready, tick)) {
      manager.notify(m);
    }
    sendStatusIfChanged();
  }

  private void tickSafely() {
    try {
      tick(System.nanoTime());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "watchdog tick failed", e);
    }
  }

  private void sendStatusIfChanged() {
    String now = status.get();
    if (!now.equals(lastStatus)) {
      lastStatus = now;
      manager.notify(NotifyMessage.status(now));
    }
  }

  private void submit(Runnable r) {
    if (thread != null && !stopped) {
      try {
        thread.execute(r);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  /** Stops ticking and tells systemd that shutdown has begun ({@code STOPPING=1}). */
  public void stopping(String why) {
    close();
    if (thread != null) {
      manager.notify(NotifyMessage.stopping(why));
    }
  }

  /** Stops ticking. */
  @Override
  public void close() {
    stopped = true;
    if (thread != null) {
      thread.shutdownNow();
      try {
        thread.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
