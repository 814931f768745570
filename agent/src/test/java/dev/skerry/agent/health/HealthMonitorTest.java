package dev.skerry.agent.health;

import static dev.skerry.agent.health.Checks.httpGet;
import static dev.skerry.agent.health.Checks.tcpSocket;
import static dev.skerry.agent.health.Checks.withTiming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {
  private static final Duration PERIOD = Duration.ofMillis(100);
  private static final ProbeSettings FAST =
      new ProbeSettings(PERIOD, Duration.ofSeconds(1), 3, 1, Duration.ZERO);

  record Change(String containerId, Health health, String message) {}

  private Vertx vertx;
  private HttpServer server;
  private HealthMonitor monitor;
  private final FakeExecRunner runner = new FakeExecRunner();
  private final List<Change> changes = new CopyOnWriteArrayList<>();

  /** Status each path answers with; 200 unless set. */
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

  /** Requests per path, and how many 500s were served (read on the event loop). */
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  private final AtomicInteger served500 = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final List<Integer> failuresSeenWhenUnhealthy = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Loop.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  String path = request.path();
                  requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                  maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                  int status = statuses.getOrDefault(path, 200);
                  if (status == 500) {
                    served500.incrementAndGet();
                  }
                  long delay = path.equals("/slow") ? 300 : 1;
                  vertx.setTimer(
                      delay,
                      id -> {
                        inFlight.decrementAndGet();
                        request.response().setStatusCode(status).end();
                      });
                });
    Loop.await(server.listen(0, HttpGetProbe.HOST));
    monitor = new HealthMonitor(vertx, runner, this::record);
  }

  private void record(String containerId, Health health, String message) {
    if (health == Health.UNHEALTHY) {
      failuresSeenWhenUnhealthy.add(served500.get());
    }
    changes.add(new Change(containerId, health, message));
  }

  @AfterEach
  void stop() throws Exception {
    monitor.close();
    Loop.close(vertx);
  }

  private int requestsTo(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  private void startHttp(String containerId, String path, ProbeSettings settings) {
    monitor.start(containerId, "web", httpGet(server.actualPort(), path), settings, Instant.now());
  }

  /**
   * Waits until the listener has heard that {@code containerId} became {@code health}. (The
   * monitor's state is updated just before its listener is called, so waiting on {@code health()}
   * alone would race with the listener.)
   */
  private void awaitChange(String containerId, Health health) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                changes.stream()
                        .filter(c -> c.containerId().equals(containerId))
                        .reduce((first, second) -> second)
                        .map(Change::health)
                        .orElse(Health.UNKNOWN)
                    == health);
  }

  private List<Health> healthChanges() {
    return changes.stream().map(Change::health).toList();
  }

  @Test
  void becomesHealthyWhenTheServerAnswers200() {
    startHttp("c1", "/healthz", FAST);
    awaitChange("c1", Health.HEALTHY);
    assertThat(changes).containsExactly(new Change("c1", Health.HEALTHY, "HTTP 200"));
    assertThat(monitor.status("c1")).isEqualTo(new HealthStatus(Health.HEALTHY, "HTTP 200"));
  }

  @Test
  void turnsUnhealthyAfterExactlyFailureThresholdFailuresAndRecovers() {
    startHttp("c1", "/healthz", FAST);
    awaitChange("c1", Health.HEALTHY);

    statuses.put("/healthz", 500);
    awaitChange("c1", Health.UNHEALTHY);
    assertThat(failuresSeenWhenUnhealthy).containsExactly(3);
    assertThat(changes.get(1))
        .isEqualTo(new Change("c1", Health.UNHEALTHY, "3 consecutive failures, last: HTTP 500"));

    statuses.put("/healthz", 200);
    awaitChange("c1", Health.HEALTHY);
    assertThat(healthChanges()).containsExactly(Health.HEALTHY, Health.UNHEALTHY, Health.HEALTHY);
  }

  @Test
  void staysHealthyThroughFailuresBelowTheThreshold() {
    ProbeSettings tolerant =
        new ProbeSettings(PERIOD, Duration.ofSeconds(1), 1000, 1, Duration.ZERO);
    startHttp("c1", "/healthz", tolerant);
    awaitChange("c1", Health.HEALTHY);
    statuses.put("/healthz", 500);
    await().atMost(Duration.ofSeconds(5)).until(() -> served500.get() >= 3);
    assertThat(monitor.status("c1").health()).isEqualTo(Health.HEALTHY);
    assertThat(monitor.status("c1").message()).startsWith("failure ").endsWith(": HTTP 500");
    assertThat(healthChanges()).containsExactly(Health.HEALTHY);
  }

  @Test
  void publishesOnlyChanges() {
    startHttp("c1", "/healthz", FAST);
    await().atMost(Duration.ofSeconds(5)).until(() -> requestsTo("/healthz") >= 8);
    assertThat(changes).containsExactly(new Change("c1", Health.HEALTHY, "HTTP 200"));
  }

  @Test
  void probesAgainEveryPeriod() {
    startHttp("c1", "/healthz", FAST);
    long start = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).until(() -> requestsTo("/healthz") >= 5);
    // first probe at once, then four periods, each counted from the end of a probe
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(PERIOD.multipliedBy(4));
  }

  @Test
  void stopEndsProbing() {
    startHttp("c1", "/healthz", FAST);
    await().atMost(Duration.ofSeconds(5)).until(() -> requestsTo("/healthz") >= 2);
    monitor.stop("c1");
    int atStop = requestsTo("/healthz");
    assertThat(monitor.health("c1")).isEqualTo(Health.UNKNOWN);
    // a probe already in flight may still arrive; no further one may
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(2))
        .until(() -> requestsTo("/healthz") <= atStop + 1);
    assertThat(healthChanges()).containsExactly(Health.HEALTHY);
  }

  @Test
  void neverOverlapsProbesOfOneContainer() {
    startHttp("c1", "/slow", FAST); // each answer takes 300 ms, three periods
    await().atMost(Duration.ofSeconds(5)).until(() -> requestsTo("/slow") >= 4);
    assertThat(maxInFlight.get()).isEqualTo(1);
  }

  @Test
  void waitsForTheInitialDelayBeforeTheFirstProbe() {
    ProbeSettings delayed =
        new ProbeSettings(PERIOD, Duration.ofSeconds(1), 3, 1, Duration.ofMillis(1500));
    startHttp("c1", "/healthz", delayed);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(1))
        .until(() -> requestsTo("/healthz") == 0 && monitor.health("c1") == Health.UNKNOWN);
    assertThat(monitor.status("c1").message()).startsWith("initial delay until ");
    awaitChange("c1", Health.HEALTHY);
  }

  @Test
  void monitorsContainersIndependently() {
    startHttp("a", "/a", FAST);
    startHttp("b", "/b", FAST);
    awaitChange("a", Health.HEALTHY);
    awaitChange("b", Health.HEALTHY);
    statuses.put("/b", 500);
    awaitChange("b", Health.UNHEALTHY);
    assertThat(monitor.health("a")).isEqualTo(Health.HEALTHY);
    assertThat(changes).filteredOn(c -> c.containerId().equals("a")).hasSize(1);
  }

  @Test
  void startingAgainRestartsFromUnknownAndSaysSo() {
    startHttp("c1", "/healthz", FAST);
    awaitChange("c1", Health.HEALTHY);
    ProbeSettings delayed =
        new ProbeSettings(PERIOD, Duration.ofSeconds(1), 3, 1, Duration.ofMillis(300));
    startHttp("c1", "/healthz", delayed); // e.g. the task was restarted
    await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 3);
    assertThat(healthChanges()).containsExactly(Health.HEALTHY, Health.UNKNOWN, Health.HEALTHY);
  }

  @Test
  void doesNotMonitorContainersWithoutAHealthCheck() {
    monitor.start("c1", "web", null, Instant.now());
    assertThat(monitor.status("c1")).isEqualTo(HealthStatus.NOT_MONITORED);
    await().during(Duration.ofMillis(300)).until(() -> requests.isEmpty() && changes.isEmpty());
  }

  @Test
  void startWithoutAHealthCheckStopsEarlierProbing() {
    startHttp("c1", "/healthz", FAST);
    awaitChange("c1", Health.HEALTHY);
    monitor.start("c1", "web", null, Instant.now());
    assertThat(monitor.health("c1")).isEqualTo(Health.UNKNOWN);
    int atStop = requestsTo("/healthz");
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(() -> requestsTo("/healthz") <= atStop + 1);
  }

  @Test
  void refusesAnInvalidHealthCheck() {
    assertThatThrownBy(() -> monitor.start("c1", "web", tcpSocket(0), Instant.now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("healthCheck.tcpSocket.port: must be between 1 and 65535");
    assertThat(monitor.status("c1")).isEqualTo(HealthStatus.NOT_MONITORED);
  }

  @Test
  void takesTimingFromTheHealthCheck() {
    // initialDelaySeconds 1: nothing may happen in the first 0.5 s, then a probe soon after 1 s
    monitor.start(
        "c1",
        "web",
        withTiming(httpGet(server.actualPort(), "/healthz"), 1, 1, 3, 1),
        Instant.now());
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(1))
        .until(() -> requestsTo("/healthz") == 0);
    awaitChange("c1", Health.HEALTHY);
  }

  @Test
  void keepsProbingWhenTheListenerThrows() {
    HealthMonitor throwing =
        new HealthMonitor(
            vertx,
            runner,
            (id, health, message) -> {
              changes.add(new Change(id, health, message));
              throw new IllegalStateException("listener bug");
            });
    try {
      throwing.start("c1", "web", httpGet(server.actualPort(), "/healthz"), FAST, Instant.now());
      await().atMost(Duration.ofSeconds(5)).until(() -> throwing.health("c1") == Health.HEALTHY);
      statuses.put("/healthz", 500);
      await().atMost(Duration.ofSeconds(5)).until(() -> throwing.health("c1") == Health.UNHEALTHY);
      assertThat(healthChanges()).containsExactly(Health.HEALTHY, Health.UNHEALTHY);
    } finally {
      throwing.close();
    }
  }

  @Test
  void closeStopsEveryContainer() {
    startHttp("a", "/a", FAST);
    startHttp("b", "/b", FAST);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> requestsTo("/a") >= 1 && requestsTo("/b") >= 1);
    monitor.close();
    int a = requestsTo("/a");
    int b = requestsTo("/b");
    int published = changes.size();
    // no more requests, and no "unhealthy" from probes failing against a closed client
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                requestsTo("/a") <= a + 1
                    && requestsTo("/b") <= b + 1
                    && changes.size() == published);
    assertThat(monitor.health("a")).isEqualTo(Health.UNKNOWN);
  }
}
