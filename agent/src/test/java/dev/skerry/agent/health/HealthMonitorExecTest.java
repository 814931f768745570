package dev.skerry.agent.health;

import static dev.skerry.agent.health.Checks.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitor with exec checks, through a fake {@link ExecRunner}. */
class HealthMonitorExecTest {
  private static final ProbeSettings FAST =
      new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(200), 3, 1, Duration.ZERO);

  private Vertx vertx;
  private final FakeExecRunner runner = new FakeExecRunner();
  private final List<String> changes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Loop.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    Loop.close(vertx);
  }

  private HealthMonitor monitor(ExecRunner execRunner) {
    return new HealthMonitor(
        vertx, execRunner, (id, health, message) -> changes.add(id + " " + health + " " + message));
  }

  @Test
  void runsExecChecksThroughTheRunner() {
    try (HealthMonitor monitor = monitor(runner)) {
      monitor.start("c1", "web", exec("/bin/check"), FAST, Instant.now());
      // wait for the listener, which hears of a change just after health() shows it
      await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 1);
      runner.exitWith(1, "not ready");
      await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 2);
      assertThat(changes)
          .containsExactly(
              "c1 HEALTHY exit code 0",
              "c1 UNHEALTHY 3 consecutive failures, last: exit code 1: not ready");
      assertThat(runner.calls)
          .allMatch(c -> c.containerId().equals("c1") && c.argv().equals(List.of("/bin/check")))
          .allMatch(c -> c.timeout().equals(FAST.timeout()));
    }
  }

  @Test
  void countsARunnerThatNeverAnswersAsFailing() {
    runner.answer(CompletableFuture::new);
    try (HealthMonitor monitor = monitor(runner)) {
      monitor.start("c1", "web", exec("/bin/check"), FAST, Instant.now());
      await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 1);
      assertThat(monitor.health("c1")).isEqualTo(Health.UNHEALTHY);
      assertThat(changes)
          .containsExactly("c1 UNHEALTHY 3 consecutive failures, last: timed out after 200ms");
    }
  }

  @Test
  void leavesExecChecksUnknownWhenTheRuntimeCannotExec() {
    try (HealthMonitor monitor = monitor(ExecRunner.unavailable())) {
      monitor.start("c1", "web", exec("/bin/check"), FAST, Instant.now());
      assertThat(monitor.status("c1"))
          .isEqualTo(
              new HealthStatus(
                  Health.UNKNOWN, "exec probes are not available in this runtime yet"));
      await().during(Duration.ofMillis(400)).until(changes::isEmpty);
      monitor.stop("c1");
      assertThat(monitor.status("c1")).isEqualTo(HealthStatus.NOT_MONITORED);
    }
  }

  @Test
  void refusesToStartAfterClose() {
    HealthMonitor monitor = monitor(runner);
    monitor.close();
    assertThatThrownBy(() -> monitor.start("c1", "web", exec("/bin/check"), FAST, Instant.now()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(runner.calls).isEmpty();
  }
}
