package dev.skerry.agent.reconcile;

import static dev.skerry.agent.reconcile.Fixtures.NOW;
import static dev.skerry.agent.reconcile.Fixtures.containerOf;
import static dev.skerry.agent.reconcile.Fixtures.observed;
import static dev.skerry.agent.reconcile.Fixtures.running;
import static dev.skerry.agent.reconcile.Fixtures.withFailure;
import static dev.skerry.agent.reconcile.Fixtures.withHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.health.Health;
import dev.skerry.agent.health.HealthStatus;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.DesiredWorkload.Rollout;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  private static final HealthCheck CHECK =
      new HealthCheck(java.util.List.of("true"), null, null, null, null, null, null);

  private static DesiredWorkload web(HealthCheck check, Rollout rollout) {
    return new DesiredWorkload(
        "site",
        2,
        new WorkloadSpec("web", "reg/web:2", null, null, null, "always", null, null, check, null),
        rollout);
  }

  private static WorkloadHistory startedAt(Instant at) {
    return WorkloadHistory.fresh("web").started(at, 0, false, "sha256:a");
  }

  private static ObservedState healthOf(Container c, Health health, String message) {
    ObservedState o = withHistory(observed(c), startedAt(NOW));
    return o.withHealth(Map.of(c.id(), new HealthStatus(health, message)), Map.of());
  }

  @Test
  void aHealthyContainerWithTheDesiredSpecIsReady() {
    DesiredWorkload w = web(CHECK, null);
    assertThat(Readiness.of(w, healthOf(running(w), Health.HEALTHY, "ok"), NOW).ready()).isTrue();
  }

  @Test
  void anUnhealthyContainerIsNotReadyAndSaysWhy() {
    DesiredWorkload w = web(CHECK, null);
    Readiness r = Readiness.of(w, healthOf(running(w), Health.UNHEALTHY, "exit code 1"), NOW);
    assertThat(r.ready()).isFalse();
    assertThat(r.why()).isEqualTo("unhealthy: exit code 1");
  }

  @Test
  void aContainerWithoutAHealthVerdictIsNotReadyWhateverItsAge() {
    DesiredWorkload w = web(CHECK, new Rollout(30, 0, true));
    Readiness r = Readiness.of(w, healthOf(running(w), Health.UNKNOWN, "initial delay"), NOW);
    assertThat(r.ready()).isFalse();
    assertThat(r.why()).contains("no health verdict yet");
  }

  @Test
  void withoutAHealthCheckItIsReadyAfterMinReadySecondsOfRunning() {
    DesiredWorkload w = web(null, new Rollout(30, 5, true));
    ObservedState o = withHistory(observed(running(w)), startedAt(NOW));
    Readiness early = Readiness.of(w, o, NOW.plusSeconds(4));
    assertThat(early.ready()).isFalse();
    assertThat(early.why()).isEqualTo("running for less than 5 s");
    assertThat(early.readyAt()).isEqualTo(NOW.plusSeconds(5));
    assertThat(Readiness.of(w, o, NOW.plusSeconds(5)).ready()).isTrue();
  }

  @Test
  void aRestartStartsTheMinReadyClockAgainAndCountsAsACrashLoop() {
    DesiredWorkload w = web(null, new Rollout(30, 5, true));
    WorkloadHistory restarted =
        startedAt(NOW).exited(3, NOW.plusSeconds(8)).started(NOW.plusSeconds(18), 1, true, null);
    ObservedState o = withHistory(observed(running(w)), restarted);
    Readiness r = Readiness.of(w, o, NOW.plusSeconds(20));
    assertThat(r.ready()).isFalse();
    assertThat(r.why()).isEqualTo("crash loop: last exit code 3");
    assertThat(Readiness.of(w, o, NOW.plusSeconds(23)).ready()).isTrue();
  }

  @Test
  void anAdoptedContainerWithoutARecordedStartIsReady() {
    DesiredWorkload w = web(null, null);
    assertThat(Readiness.of(w, observed(running(w)), NOW).ready()).isTrue();
  }

  @Test
  void anExitedContainerIsNotReadyWithItsExitCode() {
    DesiredWorkload w = web(null, null);
    Container exited = containerOf(w, TaskState.STOPPED, 2, NOW);
    WorkloadHistory looping = startedAt(NOW).started(NOW, 2, true, null);
    assertThat(Readiness.of(w, observed(exited), NOW).why()).isEqualTo("exited with code 2");
    assertThat(Readiness.of(w, withHistory(observed(exited), looping), NOW).why())
        .isEqualTo("crash loop: exit code 2");
  }

  @Test
  void aJobThatExitedZeroIsReadyButAnAlwaysRestartedOneIsNot() {
    DesiredWorkload job =
        new DesiredWorkload(
            "site",
            2,
            new WorkloadSpec("web", "reg/web:2", null, null, null, "never", null, null, null, null),
            null);
    Container done = containerOf(job, TaskState.STOPPED, 0, NOW);
    Container failed = containerOf(job, TaskState.STOPPED, 1, NOW);
    DesiredWorkload service = web(null, null);

    assertThat(Readiness.of(job, observed(done), NOW).ready()).isTrue();
    assertThat(Readiness.of(job, observed(failed), NOW).ready()).isFalse();
    assertThat(
            Readiness.of(service, observed(containerOf(service, TaskState.STOPPED, 0, NOW)), NOW)
                .ready())
        .isFalse();
  }

  @Test
  void aContainerOfAnotherSpecDoesNotMakeTheWorkloadReady() {
    DesiredWorkload old = web(null, new Rollout(30, 0, true));
    DesiredWorkload w =
        new DesiredWorkload(
            "site",
            3,
            new WorkloadSpec("web", "reg/web:3", null, null, null, null, null, null, null, null));
    Readiness r = Readiness.of(w, observed(running(old)), NOW);
    assertThat(r.ready()).isFalse();
    assertThat(r.why()).isEqualTo("not started yet");
  }

  @Test
  void aFailureOfTheDesiredSpecIsTheReason() {
    DesiredWorkload w = web(null, null);
    Failure pull =
        new Failure("web", SpecHash.of(w.spec()), "ImageNotFound", "no tag 2", false, 1, NOW);
    Readiness r = Readiness.of(w, withFailure(observed(), pull), NOW);
    assertThat(r.ready()).isFalse();
    assertThat(r.why()).isEqualTo("ImageNotFound: no tag 2");
  }
}
