package dev.skerry.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeStateTest {
  private static final Instant START = Instant.parse("2026-11-27T01:00:00Z");
  private static final ProbeSettings DEFAULTS = ProbeSettings.defaults();

  private static Instant at(double seconds) {
    return START.plusMillis(Math.round(seconds * 1000));
  }

  private static ProbeResult ok(double seconds) {
    return ProbeResult.success(at(seconds), "HTTP 200");
  }

  private static ProbeResult fail(double seconds) {
    return ProbeResult.failure(at(seconds), "HTTP 500");
  }

  private static ProbeSettings settings(int failures, int successes, int delaySeconds) {
    return new ProbeSettings(
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        failures,
        successes,
        Duration.ofSeconds(delaySeconds));
  }

  private static Health health(ProbeSettings s, List<ProbeResult> history, double now) {
    return ProbeState.evaluate(s, START, history, at(now)).health();
  }

  private static Health health(List<ProbeResult> history, double now) {
    return health(DEFAULTS, history, now);
  }

  @Test
  void isUnknownBeforeTheFirstResult() {
    ProbeVerdict v = ProbeState.evaluate(DEFAULTS, START, List.of(), at(5));
    assertThat(v.health()).isEqualTo(Health.UNKNOWN);
    assertThat(v.message()).isEqualTo("no probe result yet");
  }

  @Test
  void firstProbeIsDueAtStartWithoutInitialDelay() {
    assertThat(ProbeState.evaluate(DEFAULTS, START, List.of(), START).nextProbeAt())
        .isEqualTo(START);
  }

  @Test
  void firstProbeIsDueWhenTheInitialDelayEnds() {
    ProbeVerdict v = ProbeState.evaluate(settings(3, 1, 30), START, List.of(), at(1));
    assertThat(v.nextProbeAt()).isEqualTo(at(30));
    assertThat(v.health()).isEqualTo(Health.UNKNOWN);
    assertThat(v.message()).isEqualTo("initial delay until 2026-11-27T01:00:30Z");
  }

  @Test
  void isHealthyAfterOneSuccess() {
    ProbeVerdict v = ProbeState.evaluate(DEFAULTS, START, List.of(ok(0.1)), at(0.2));
    assertThat(v.health()).isEqualTo(Health.HEALTHY);
    assertThat(v.message()).isEqualTo("HTTP 200");
  }

  @Test
  void nextProbeIsDueOnePeriodAfterTheLastResult() {
    assertThat(ProbeState.evaluate(DEFAULTS, START, List.of(ok(0.5)), at(1)).nextProbeAt())
        .isEqualTo(at(10.5));
    assertThat(
            ProbeState.evaluate(DEFAULTS, START, List.of(ok(0.5), fail(10.9)), at(11))
                .nextProbeAt())
        .isEqualTo(at(20.9));
  }

  @Test
  void staysUnknownWhileFailuresAreBelowTheThreshold() {
    ProbeVerdict v = ProbeState.evaluate(DEFAULTS, START, List.of(fail(0), fail(10)), at(11));
    assertThat(v.health()).isEqualTo(Health.UNKNOWN);
    assertThat(v.message()).isEqualTo("failure 2 of 3: HTTP 500");
  }

  @Test
  void isUnhealthyAfterExactlyFailureThresholdConsecutiveFailures() {
    assertThat(health(List.of(fail(0), fail(10)), 11)).isEqualTo(Health.UNKNOWN);
    assertThat(health(List.of(fail(0), fail(10), fail(20)), 21)).isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void saysHowManyFailuresMadeItUnhealthy() {
    ProbeVerdict v =
        ProbeState.evaluate(
            DEFAULTS, START, List.of(fail(0), fail(10), fail(20), fail(30)), at(31));
    assertThat(v.message()).isEqualTo("4 consecutive failures, last: HTTP 500");
  }

  @Test
  void staysHealthyThroughFewerFailuresThanTheThreshold() {
    ProbeVerdict v =
        ProbeState.evaluate(DEFAULTS, START, List.of(ok(0), fail(10), fail(20)), at(21));
    assertThat(v.health()).isEqualTo(Health.HEALTHY);
    assertThat(v.message()).isEqualTo("failure 2 of 3: HTTP 500");
  }

  @Test
  void turnsUnhealthyFromHealthyAtTheThreshold() {
    assertThat(health(List.of(ok(0), fail(10), fail(20), fail(30)), 31))
        .isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void aSuccessResetsTheFailureCount() {
    List<ProbeResult> h = List.of(ok(0), fail(10), fail(20), ok(30), fail(40), fail(50));
    assertThat(health(h, 51)).isEqualTo(Health.HEALTHY);
  }

  @Test
  void recoversAfterOneSuccessWithTheDefaultSuccessThreshold() {
    assertThat(health(List.of(fail(0), fail(10), fail(20), ok(30)), 31)).isEqualTo(Health.HEALTHY);
  }

  @Test
  void needsSuccessThresholdConsecutiveSuccessesToRecover() {
    ProbeSettings s = settings(1, 2, 0);
    assertThat(health(s, List.of(fail(0)), 1)).isEqualTo(Health.UNHEALTHY);
    ProbeVerdict v = ProbeState.evaluate(s, START, List.of(fail(0), ok(10)), at(11));
    assertThat(v.health()).isEqualTo(Health.UNHEALTHY);
    assertThat(v.message()).isEqualTo("success 1 of 2: HTTP 200");
    assertThat(health(s, List.of(fail(0), ok(10), ok(20)), 21)).isEqualTo(Health.HEALTHY);
    assertThat(health(s, List.of(fail(0), ok(10), fail(20), ok(30)), 31))
        .isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void aFailureThresholdOfOneFailsOnTheFirstFailure() {
    assertThat(health(settings(1, 1, 0), List.of(ok(0), fail(10)), 11)).isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void isUnknownDuringTheInitialDelay() {
    ProbeSettings s = settings(3, 1, 30);
    assertThat(health(s, List.of(), 29.999)).isEqualTo(Health.UNKNOWN);
    assertThat(health(s, List.of(ok(30)), 29.999)).isEqualTo(Health.UNKNOWN);
    assertThat(health(s, List.of(ok(30)), 30)).isEqualTo(Health.HEALTHY);
  }

  @Test
  void ignoresResultsFromBeforeTheInitialDelayEnded() {
    ProbeSettings s = settings(1, 1, 30);
    ProbeVerdict v = ProbeState.evaluate(s, START, List.of(fail(5)), at(31));
    assertThat(v.health()).isEqualTo(Health.UNKNOWN);
    assertThat(v.nextProbeAt()).isEqualTo(at(30));
  }

  @Test
  void recordDoesNotChangeTheStateItIsCalledOn() {
    ProbeState before = ProbeState.initial(DEFAULTS, START);
    ProbeState after = before.record(ok(0));
    assertThat(before.health(at(1))).isEqualTo(Health.UNKNOWN);
    assertThat(before.lastResult()).isNull();
    assertThat(after.health(at(1))).isEqualTo(Health.HEALTHY);
    assertThat(after.lastResult()).isEqualTo(ok(0));
  }

  @Test
  void foldingOneByOneEqualsEvaluatingTheWholeHistory() {
    List<ProbeResult> history = new ArrayList<>();
    ProbeState state = ProbeState.initial(DEFAULTS, START);
    boolean[] pattern = {true, false, false, false, true, false, true, true, false, false, false};
    for (int i = 0; i < pattern.length; i++) {
      ProbeResult r = pattern[i] ? ok(i * 10) : fail(i * 10);
      history.add(r);
      state = state.record(r);
      Instant now = at(i * 10 + 1);
      assertThat(state.verdict(now)).isEqualTo(ProbeState.evaluate(DEFAULTS, START, history, now));
    }
    assertThat(state.health(at(200))).isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void survivesVeryLongRunsOfFailures() {
    ProbeState state = ProbeState.initial(settings(3, 1, 0), START);
    for (int i = 0; i < 10_000; i++) {
      state = state.record(fail(i));
    }
    assertThat(state.health(at(10_001))).isEqualTo(Health.UNHEALTHY);
    assertThat(state.record(ok(10_001)).health(at(10_002))).isEqualTo(Health.HEALTHY);
  }

  @Test
  void delayIsTheTimeUntilTheNextProbe() {
    ProbeState state = ProbeState.initial(DEFAULTS, START).record(ok(1));
    assertThat(state.delayUntilNextProbe(at(4))).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void delayIsZeroWhenTheProbeIsOverdue() {
    ProbeState state = ProbeState.initial(DEFAULTS, START).record(ok(1));
    assertThat(state.delayUntilNextProbe(at(60))).isEqualTo(Duration.ZERO);
    assertThat(ProbeState.initial(DEFAULTS, START).delayUntilNextProbe(at(3600)))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void delayWaitsForTheRestOfTheInitialDelay() {
    ProbeState state = ProbeState.initial(settings(3, 1, 30), START);
    assertThat(state.delayUntilNextProbe(at(10))).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void delayNeverExceedsAPeriodWhenTheClockStepsBackwards() {
    ProbeState state = ProbeState.initial(DEFAULTS, START).record(ok(1));
    Instant clockStepped = START.minus(Duration.ofDays(365 * 56));
    assertThat(state.delayUntilNextProbe(clockStepped)).isEqualTo(Duration.ofSeconds(10));
    assertThat(ProbeState.initial(settings(3, 1, 30), START).delayUntilNextProbe(clockStepped))
        .isEqualTo(Duration.ofSeconds(30));
  }
}
