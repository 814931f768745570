package dev.skerry.agent.reconcile;

import static dev.skerry.agent.reconcile.Fixtures.NOW;
import static dev.skerry.agent.reconcile.Fixtures.desired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.reconcile.RollbackPolicy.Decision;
import dev.skerry.agent.reconcile.RollbackPolicy.RolledBack;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.DesiredWorkload.Rollout;
import dev.skerry.core.wire.WorkloadSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollbackPolicyTest {
  private static final Rollout THIRTY_SECONDS = new Rollout(30, 5, true);
  private static final Readiness UNHEALTHY = Readiness.notReady("unhealthy: HTTP 500");

  private final RollbackPolicy policy = new RollbackPolicy();
  private final DesiredWorkload v5 = web(5, "reg/web:5", THIRTY_SECONDS);
  private final DesiredWorkload v6 = web(6, "reg/web:6", THIRTY_SECONDS);
  private final Map<String, LastKnownGood> goods = new HashMap<>();
  private final Map<String, RolloutAttempt> attempts = new HashMap<>();
  private final Map<String, Readiness> readiness = new HashMap<>();

  private static DesiredWorkload web(long revision, String image, Rollout rollout) {
    return new DesiredWorkload(
        "site",
        revision,
        new WorkloadSpec("web", image, null, null, null, "always", null, null, null, null),
        rollout);
  }

  private static LastKnownGood goodOf(DesiredWorkload w) {
    return new LastKnownGood(w.name(), w.revision(), SpecHash.of(w.spec()), NOW, w);
  }

  private static RolloutAttempt attemptOf(DesiredWorkload w, Instant startedAt) {
    return RolloutAttempt.started(w.name(), SpecHash.of(w.spec()), w.revision(), startedAt);
  }

  private Decision decide(DesiredWorkload w, Instant now) {
    return policy.decide(desired(9, w), goods, attempts, readiness, now);
  }

  @Test
  void runsTheDesiredWorkloadWhenItIsTheLastKnownGood() {
    goods.put("web", goodOf(v5));
    Decision d = decide(v5, NOW);
    assertThat(d.effective().workloads()).containsExactly(v5);
    assertThat(d.save()).isEmpty();
    assertThat(d.notes()).isEmpty();
  }

  @Test
  void putsAnUpdateOnProbationFromTheFirstPassThatSeesIt() {
    goods.put("web", goodOf(v5));
    Decision d = decide(v6, NOW);
    assertThat(d.effective().workloads()).containsExactly(v6);
    assertThat(d.save()).containsExactly(attemptOf(v6, NOW));
    assertThat(d.nextDeadline()).contains(NOW.plusSeconds(30));
  }

  @Test
  void putsAFirstInstallOnProbationToo() {
    assertThat(decide(v6, NOW).save()).containsExactly(attemptOf(v6, NOW));
  }

  @Test
  void keepsCountingFromTheStoredStartOfTheAttempt() {
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(20)));
    Decision d = decide(v6, NOW);
    assertThat(d.save()).isEmpty();
    assertThat(d.nextDeadline()).contains(NOW.plusSeconds(10));
    assertThat(d.effective().workloads()).containsExactly(v6);
  }

  @Test
  void waitsUntilTheDeadlineBeforeGivingUp() {
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(29)));
    readiness.put("web", UNHEALTHY);
    Decision d = decide(v6, NOW);
    assertThat(d.effective().workloads()).containsExactly(v6);
    assertThat(d.rolledBack()).isEmpty();
    assertThat(d.notes()).isEmpty();
  }

  @Test
  void rollsBackToTheLastKnownGoodWhenNotReadyAtTheDeadline() {
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(30)));
    readiness.put("web", UNHEALTHY);
    Decision d = decide(v6, NOW);
    assertThat(d.effective().workloads()).containsExactly(v5);
    assertThat(d.save())
        .containsExactly(
            attemptOf(v6, NOW.minusSeconds(30))
                .failed(NOW, "not ready within 30 s: unhealthy: HTTP 500"));
    assertThat(d.rolledBack())
        .containsExactly(new RolledBack("web", 6, 5, "not ready within 30 s: unhealthy: HTTP 500"));
    assertThat(d.notes())
        .containsEntry(
            "web",
            new RolloutNote(
                6L, "rolled back from revision 6: not ready within 30 s: unhealthy: HTTP 500"));
    assertThat(d.rolledBackAny()).isTrue();
  }

  @Test
  void aFailedAttemptSticksWithoutBeingRetriedOrLoggedAgain() {
    goods.put("web", goodOf(v5));
    attempts.put(
        "web", attemptOf(v6, NOW.minusSeconds(300)).failed(NOW.minusSeconds(270), "pull failed"));
    readiness.put("web", Readiness.READY); // even if the desired spec looked ready: not retried
    Decision d = decide(v6, NOW.plusSeconds(3600));
    assertThat(d.effective().workloads()).containsExactly(v5);
    assertThat(d.save()).isEmpty();
    assertThat(d.rolledBack()).isEmpty();
    assertThat(d.notes().get("web").message())
        .isEqualTo("rolled back from revision 6: pull failed");
    assertThat(d.nextDeadline()).isEmpty();
  }

  @Test
  void aDifferentDesiredSpecStartsAFreshAttempt() {
    DesiredWorkload v7 = web(7, "reg/web:7", THIRTY_SECONDS);
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(300)).failed(NOW.minusSeconds(270), "x"));
    Decision d = decide(v7, NOW);
    assertThat(d.effective().workloads()).containsExactly(v7);
    assertThat(d.save()).containsExactly(attemptOf(v7, NOW));
    assertThat(d.notes()).isEmpty();
  }

  @Test
  void forgetsTheMarksWhenTheDesiredSpecIsTheLastKnownGoodAgain() {
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(300)).failed(NOW.minusSeconds(270), "x"));
    DesiredWorkload v5again = web(7, "reg/web:5", THIRTY_SECONDS);
    Decision d = decide(v5again, NOW);
    assertThat(d.effective().workloads()).containsExactly(v5again);
    assertThat(d.delete()).containsExactly("web");
    assertThat(d.notes()).isEmpty();
  }

  @Test
  void aReadyUpdateIsNotRolledBackEvenPastItsDeadline() {
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(60)));
    readiness.put("web", Readiness.READY);
    Decision d = decide(v6, NOW);
    assertThat(d.effective().workloads()).containsExactly(v6);
    assertThat(d.rolledBack()).isEmpty();
    assertThat(d.notes()).isEmpty();
  }

  @Test
  void aFirstInstallPastItsDeadlineStaysAndSaysTheDeadlinePassed() {
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(30)));
    readiness.put("web", Readiness.notReady("PullFailed: manifest unknown"));
    Decision d = decide(v6, NOW);
    assertThat(d.effective().workloads()).containsExactly(v6);
    assertThat(d.save()).isEmpty();
    assertThat(d.notes())
        .containsEntry(
            "web",
            new RolloutNote(
                null, "progress deadline of 30 s passed: PullFailed: manifest unknown"));
    assertThat(d.rolledBackAny()).isFalse();
  }

  @Test
  void withoutAutoRollbackTheUpdateStaysAndSaysTheDeadlinePassed() {
    DesiredWorkload manual = web(6, "reg/web:6", new Rollout(30, 5, false));
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(manual, NOW.minusSeconds(31)));
    readiness.put("web", UNHEALTHY);
    Decision d = decide(manual, NOW);
    assertThat(d.effective().workloads()).containsExactly(manual);
    assertThat(d.rolledBack()).isEmpty();
    assertThat(d.notes().get("web").message())
        .isEqualTo("progress deadline of 30 s passed: unhealthy: HTTP 500");
  }

  @Test
  void aLastKnownGoodWithoutItsWorkloadCannotBeRolledBackTo() {
    goods.put("web", new LastKnownGood("web", 5, SpecHash.of(v5.spec()), NOW, null));
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(30)));
    readiness.put("web", UNHEALTHY);
    Decision d = decide(v6, NOW);
    assertThat(d.effective().workloads()).containsExactly(v6);
    assertThat(d.rolledBack()).isEmpty();
    assertThat(d.notes().get("web").failedRevision()).isNull();
  }

  @Test
  void usesTheDefaultDeadlineOfTenMinutesWithoutARolloutObject() {
    DesiredWorkload plain = web(6, "reg/web:6", null);
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(plain, NOW.minusSeconds(599)));
    readiness.put("web", UNHEALTHY);
    assertThat(decide(plain, NOW).effective().workloads()).containsExactly(plain);
    assertThat(decide(plain, NOW.plusSeconds(1)).effective().workloads()).containsExactly(v5);
  }

  @Test
  void anUnobservedWorkloadIsNotReady() {
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(30)));
    assertThat(decide(v6, NOW).notes().get("web").message())
        .isEqualTo("rolled back from revision 6: not ready within 30 s: not observed yet");
  }

  @Test
  void forgetsAttemptsOfWorkloadsNoLongerDesired() {
    attempts.put("old", RolloutAttempt.started("old", "abc", 1, NOW));
    goods.put("web", goodOf(v5));
    assertThat(decide(v5, NOW).delete()).containsExactly("old");
  }

  @Test
  void decidesWorkloadsIndependently() {
    DesiredWorkload db =
        new DesiredWorkload(
            "site",
            2,
            new WorkloadSpec("db", "reg/db:2", null, null, null, null, null, null, null, null),
            THIRTY_SECONDS);
    goods.put("web", goodOf(v5));
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(30)));
    readiness.put("web", UNHEALTHY);
    Decision d = policy.decide(desired(9, v6, db), goods, attempts, readiness, NOW);
    assertThat(d.effective().workloads()).containsExactly(v5, db);
    assertThat(d.effective().revision()).isEqualTo(9);
    assertThat(d.save()).extracting(RolloutAttempt::workload).containsOnly("web", "db");
    assertThat(d.nextDeadline()).contains(NOW.plusSeconds(30));
  }

  @Test
  void doesNothingBeforeTheFirstDesiredDocument() {
    attempts.put("web", attemptOf(v6, NOW.minusSeconds(30)));
    Decision d = policy.decide(DesiredState.NONE, goods, attempts, readiness, NOW);
    assertThat(d.effective()).isEqualTo(DesiredState.NONE);
    assertThat(d.delete()).isEmpty();
    assertThat(d.save()).isEmpty();
  }
}
