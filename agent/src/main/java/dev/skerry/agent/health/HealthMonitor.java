package dev.skerry.agent.health;

import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.NetClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Probes every running container that has a health check, on the agent's Vert.x event loop, and
 * tells a {@link HealthListener} when a container's health changes. The reconciler calls {@link
 * #start} when a container's task starts and {@link #stop} when it exits or is removed; acting on
 * an unhealthy container (restarting it) is the reconciler's decision.
 *
 * <p>All public methods may be called from any thread (start, stop and close are serialised);
 * probing itself runs on the event-loop context this monitor was created in, never blocking it.
 */
public final class HealthMonitor implements AutoCloseable {
  private final Context context;
  private final HttpClient http;
  private final NetClient net;
  private final ProbeFactory probes;
  private final HealthListener listener;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, ProbeLoop> loops = new ConcurrentHashMap<>();
  private final Map<String, HealthStatus> unprobed = new ConcurrentHashMap<>();
  private boolean closed; // guarded by this

  /**
   * @param vertx the agent's Vert.x; its HTTP and TCP clients are created here and closed by {@link
   *     #close}
   * @param execRunner runs exec checks; {@link ExecRunner#unavailable()} leaves them unknown
   * @param listener told of every health change, on the event loop
   */
  public HealthMonitor(Vertx vertx, ExecRunner execRunner, HealthListener listener) {
    Objects.requireNonNull(vertx, "vertx");
    this.context = vertx.getOrCreateContext();
    // No keep-alive: every probe opens a fresh connection, as a kubelet's do, so a probe
    // tests that the workload still accepts connections.
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    this.net = vertx.createNetClient();
    this.probes =
        new ProbeFactory(vertx, http, net, Objects.requireNonNull(execRunner, "execRunner"));
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Starts probing a container whose task started at {@code startedAt}, replacing any probing of
   * the same container (a restarted task starts again from unknown). A {@code null} check means
   * "not monitored": any earlier probing of the container stops and its health is unknown.
   *
   * @throws IllegalArgumentException if the check is invalid (see {@link
   *     dev.skerry.core.spec.HealthCheckRules})
   * @throws IllegalStateException after {@link #close}
   */
  public void start(String containerId, String workloadName, HealthCheck check, Instant startedAt) {
    if (check == null) {
      stop(containerId);
      return;
    }
    start(containerId, workloadName, check, ProbeSettings.from(check), startedAt);
  }

  /** As {@link #start(String, String, HealthCheck, Instant)}, with explicit settings (tests). */
  synchronized void start(
      String containerId,
      String workloadName,
      HealthCheck check,
      ProbeSettings settings,
      Instant startedAt) {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(workloadName, "workloadName");
    Objects.requireNonNull(startedAt, "startedAt");
    if (closed) {
      throw new IllegalStateException("health monitor is closed");
    }
    Health previous = stopAndTakeHealth(containerId);
    if (!probes.canProbe(check)) {
      unprobed.put(
          containerId,
          new HealthStatus(Health.UNKNOWN, "exec probes are not available in this runtime yet"));
      return;
    }
    ProbeLoop loop =
        new ProbeLoop(
            context,
            clock,
            containerId,
            workloadName,
            probes.create(containerId, check, settings.timeout()),
            ProbeState.initial(settings, startedAt),
            listener);
    loops.put(containerId, loop);
    loop.begin(previous);
  }

  /** Stops probing a container, silently: its health is unknown from now on. Any thread. */
  public synchronized void stop(String containerId) {
    stopAndTakeHealth(containerId);
  }

  /**
   * The container's current health; unknown if it is not monitored. Any thread. A change shows here
   * just before the listener hears of it.
   */
  public Health health(String containerId) {
    return status(containerId).health();
  }

  /** The container's current health and its reason. Any thread. */
  public HealthStatus status(String containerId) {
    ProbeLoop loop = loops.get(containerId);
    if (loop != null) {
      return loop.status();
    }
    return unprobed.getOrDefault(containerId, HealthStatus.NOT_MONITORED);
  }

  /** Stops all probing and closes the clients; the Vert.x instance stays the caller's. */
  @Override
  public synchronized void close() {
    closed = true;
    loops.keySet().forEach(this::stop);
    unprobed.clear();
    http.close();
    net.close();
  }

  private Health stopAndTakeHealth(String containerId) {
    unprobed.remove(containerId);
    ProbeLoop old = loops.remove(containerId);
    if (old == null) {
      return Health.UNKNOWN;
    }
    Health health = old.status().health();
    old.stop();
    return health;
  }
}
