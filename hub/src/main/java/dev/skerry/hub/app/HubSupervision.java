package dev.skerry.hub.app;

import dev.skerry.core.systemd.ServiceManager;
import dev.skerry.core.systemd.Supervisor;
import java.time.Duration;

/**
 * What the hub tells systemd: {@code READY=1} once the store is open and the API and the broker
 * listen (that is, once {@link Hub#start} returned), a status line, and watchdog pings while its
 * control loop and REST event loop answer probes.
 */
public final class HubSupervision implements AutoCloseable {
  /**
   * How long the hub's loops may leave a probe unanswered before the pings stop: far longer than
   * the control loop's longest piece of work (a fleet-wide recomposition takes seconds for
   * thousands of devices), short enough that a hung hub is restarted within minutes.
   */
  static final Duration STALL_LIMIT = Duration.ofMinutes(2);

  private final Supervisor supervisor;

  private HubSupervision(Supervisor supervisor) {
    this.supervisor = supervisor;
  }

  /** Starts watching {@code hub} and tells systemd it is ready. */
  public static HubSupervision ready(ServiceManager systemd, Hub hub, String status) {
    return ready(systemd, hub, status, STALL_LIMIT);
  }

  static HubSupervision ready(ServiceManager systemd, Hub hub, String status, Duration stallLimit) {
    Supervisor s = Supervisor.start(systemd, hub.liveness(), stallLimit, () -> status);
    s.ready();
    return new HubSupervision(s);
  }

  /** {@code STOPPING=1}; the pings end. */
  public void stopping() {
    supervisor.stopping("stopping");
  }

  @Override
  public void close() {
    supervisor.close();
  }
}
