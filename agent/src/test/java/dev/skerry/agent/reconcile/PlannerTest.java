package dev.skerry.agent.reconcile;

import static dev.skerry.agent.reconcile.Fixtures.NOW;
import static dev.skerry.agent.reconcile.Fixtures.container;
import static dev.skerry.agent.reconcile.Fixtures.containerOf;
import static dev.skerry.agent.reconcile.Fixtures.desired;
import static dev.skerry.agent.reconcile.Fixtures.foreign;
import static dev.skerry.agent.reconcile.Fixtures.observed;
import static dev.skerry.agent.reconcile.Fixtures.running;
import static dev.skerry.agent.reconcile.Fixtures.withFailure;
import static dev.skerry.agent.reconcile.Fixtures.withHistory;
import static dev.skerry.agent.reconcile.Fixtures.withImages;
import static dev.skerry.agent.reconcile.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.reconcile.Action.CreateAndStart;
import dev.skerry.agent.reconcile.Action.PullImage;
import dev.skerry.agent.reconcile.Action.Remove;
import dev.skerry.agent.reconcile.Action.Restart;
import dev.skerry.agent.reconcile.Action.Stop;
import dev.skerry.agent.reconcile.Action.Wait;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.core.wire.DesiredWorkload;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final Planner planner = new Planner();
  private final DesiredWorkload web = workload("web");

  private List<Action> plan(DesiredState d, ObservedState o) {
    return planner.plan(d, o, NOW).actions();
  }

  @Test
  void doesNothingBeforeAnyDesiredDocumentArrived() {
    assertThat(plan(DesiredState.NONE, observed(running(web)))).isEmpty();
  }

  @Test
  void pullsThenCreatesAMissingWorkload() {
    assertThat(plan(desired(1, web), observed()))
        .containsExactly(
            new PullImage("web", web.spec().image()),
            new CreateAndStart(web, "web.r1", SpecHash.of(web.spec())));
  }

  @Test
  void skipsThePullWhenTheImageIsPresent() {
    assertThat(plan(desired(1, web), withImages(observed(), web.spec().image())))
        .containsExactly(new CreateAndStart(web, "web.r1", SpecHash.of(web.spec())));
  }

  @Test
  void adoptsARunningContainerThatMatches() {
    assertThat(plan(desired(3, web), observed(running(web)))).isEmpty();
  }

  @Test
  void adoptsAMatchingContainerFromAnOlderDeploymentRevisionWithoutRestart() {
    DesiredWorkload newer = workload("web", web.spec().image(), "always", 2);
    assertThat(plan(desired(5, newer), observed(running(web)))).isEmpty();
  }

  @Test
  void replacesAContainerWhoseSpecChangedStoppingItFirst() {
    DesiredWorkload v2 = workload("web", "reg.local/web:2", "always", 2);
    assertThat(plan(desired(2, v2), observed(running(web))))
        .containsExactly(
            new PullImage("web", "reg.local/web:2"),
            new Stop("web", "web.r1"),
            new Remove("web", "web.r1"),
            new CreateAndStart(v2, "web.r2", SpecHash.of(v2.spec())));
  }

  @Test
  void replacesAnExitedOldContainerWithoutStoppingIt() {
    DesiredWorkload v2 = workload("web", "reg.local/web:2", "always", 2);
    assertThat(
            plan(
                desired(2, v2),
                withImages(
                    observed(containerOf(web, TaskState.STOPPED, 1, NOW)), "reg.local/web:2")))
        .containsExactly(
            new Remove("web", "web.r1"), new CreateAndStart(v2, "web.r2", SpecHash.of(v2.spec())));
  }

  @Test
  void replacesAChangedSpecAtTheSameRevisionByRemovingBeforeCreatingTheSameId() {
    DesiredWorkload changed = workload("web", "reg.local/web:9", "always", 1);
    List<Action> actions =
        plan(desired(2, changed), withImages(observed(running(web)), "reg.local/web:9"));
    assertThat(actions)
        .containsExactly(
            new Stop("web", "web.r1"),
            new Remove("web", "web.r1"),
            new CreateAndStart(changed, "web.r1", SpecHash.of(changed.spec())));
  }

  @Test
  void removesContainersOfWorkloadsNoLongerDesired() {
    DesiredWorkload old = workload("old");
    assertThat(plan(desired(2, web), withImages(observed(running(web), running(old)), "x")))
        .containsExactly(new Stop("old", "old.r1"), new Remove("old", "old.r1"));
  }

  @Test
  void removesEverythingOfOursWhenTheDocumentIsEmpty() {
    assertThat(plan(desired(4), observed(running(web), foreign("db", TaskState.RUNNING))))
        .containsExactly(new Stop("web", "web.r1"), new Remove("web", "web.r1"));
  }

  @Test
  void neverTouchesContainersWithoutSkerryLabels() {
    assertThat(
            plan(
                desired(1, web),
                withImages(
                    observed(
                        running(web),
                        foreign("web.r1-copy", TaskState.STOPPED),
                        foreign("x", TaskState.RUNNING)),
                    web.spec().image())))
        .isEmpty();
  }

  @Test
  void keepsTheRunningDuplicateAndRemovesTheOthers() {
    var stale = container("web", 0, SpecHash.of(web.spec()), TaskState.STOPPED, 0, NOW);
    assertThat(plan(desired(1, web), observed(running(web), stale)))
        .containsExactly(new Remove("web", "web.r0"));
  }

  @Test
  void restartsACrashedContainerAfterTheFirstBackoff() {
    var crashed = containerOf(web, TaskState.STOPPED, 1, NOW.minusSeconds(10));
    assertThat(plan(desired(1, web), observed(crashed)))
        .containsExactly(new Restart("web", "web.r1", 1));
  }

  @Test
  void waitsWhileTheBackoffRuns() {
    var crashed = containerOf(web, TaskState.STOPPED, 1, NOW.minusSeconds(5));
    assertThat(plan(desired(1, web), observed(crashed)))
        .containsExactly(new Wait("web", NOW.plusSeconds(5), "CrashLoopBackOff"));
  }

  @Test
  void restartsACrashLoopingContainerWithDoublingBackoff() {
    var crashed = containerOf(web, TaskState.STOPPED, 1, NOW.minusSeconds(30));
    WorkloadHistory streak3 = new WorkloadHistory("web", 3, 3, NOW.minusSeconds(40), 1, null, null);
    assertThat(plan(desired(1, web), withHistory(observed(crashed), streak3)))
        .containsExactly(new Wait("web", NOW.plusSeconds(50), "CrashLoopBackOff"));
  }

  @Test
  void capsTheBackoffAtFiveMinutes() {
    var crashed = containerOf(web, TaskState.STOPPED, 1, NOW.minusSeconds(300));
    WorkloadHistory streak9 =
        new WorkloadHistory("web", 9, 9, NOW.minusSeconds(301), 1, null, null);
    assertThat(plan(desired(1, web), withHistory(observed(crashed), streak9)))
        .containsExactly(new Restart("web", "web.r1", 10));
  }

  @Test
  void forgetsTheBackoffAfterTenMinutesOfRunning() {
    var crashed = containerOf(web, TaskState.STOPPED, 1, NOW.minusSeconds(10));
    WorkloadHistory longRun =
        new WorkloadHistory("web", 9, 9, NOW.minus(Duration.ofMinutes(11)), 1, null, null);
    assertThat(plan(desired(1, web), withHistory(observed(crashed), longRun)))
        .containsExactly(new Restart("web", "web.r1", 1));
  }

  @Test
  void leavesACleanExitAloneUnderOnFailure() {
    DesiredWorkload job = workload("job", "img", "on-failure", 1);
    assertThat(
            plan(
                desired(1, job),
                observed(containerOf(job, TaskState.STOPPED, 0, NOW.minusSeconds(99)))))
        .isEmpty();
  }

  @Test
  void restartsAFailedExitUnderOnFailure() {
    DesiredWorkload job = workload("job", "img", "on-failure", 1);
    assertThat(
            plan(
                desired(1, job),
                observed(containerOf(job, TaskState.STOPPED, 2, NOW.minusSeconds(99)))))
        .containsExactly(new Restart("job", "job.r1", 1));
  }

  @Test
  void neverRestartsUnderNever() {
    DesiredWorkload once = workload("once", "img", "never", 1);
    assertThat(
            plan(
                desired(1, once),
                observed(containerOf(once, TaskState.STOPPED, 1, NOW.minusSeconds(999)))))
        .isEmpty();
  }

  @Test
  void restartsContainersWhoseTaskVanishedAfterAReboot() {
    assertThat(plan(desired(1, web), observed(containerOf(web, TaskState.NONE, null, null))))
        .containsExactly(new Restart("web", "web.r1", 0));
  }

  @Test
  void recreatesAContainerLeftHalfCreated() {
    var half = containerOf(web, TaskState.CREATED, null, null);
    assertThat(plan(desired(1, web), withImages(observed(half), web.spec().image())))
        .containsExactly(
            new Stop("web", "web.r1"),
            new Remove("web", "web.r1"),
            new CreateAndStart(web, "web.r1", SpecHash.of(web.spec())));
  }

  @Test
  void leavesAContainerInUnknownStateAlone() {
    assertThat(plan(desired(1, web), observed(containerOf(web, TaskState.UNKNOWN, null, null))))
        .isEmpty();
  }

  @Test
  void waitsAfterAFailedPullOfTheSameSpec() {
    Failure pullFailed =
        new Failure(
            "web",
            SpecHash.of(web.spec()),
            "ImagePullFailed",
            "timeout",
            true,
            2,
            NOW.minusSeconds(5));
    assertThat(plan(desired(1, web), withFailure(observed(), pullFailed)))
        .containsExactly(new Wait("web", NOW.plusSeconds(15), "ImagePullFailed"));
  }

  @Test
  void retriesAFailedPullOnceItsBackoffPassed() {
    Failure pullFailed =
        new Failure(
            "web",
            SpecHash.of(web.spec()),
            "ImagePullFailed",
            "timeout",
            true,
            1,
            NOW.minusSeconds(10));
    assertThat(plan(desired(1, web), withFailure(observed(), pullFailed)))
        .first()
        .isEqualTo(new PullImage("web", web.spec().image()));
  }

  @Test
  void waitsTheLongestAfterANonRetryableFailure() {
    Failure notFound =
        new Failure(
            "web",
            SpecHash.of(web.spec()),
            "ImageNotFound",
            "no such tag",
            false,
            1,
            NOW.minusSeconds(60));
    assertThat(plan(desired(1, web), withFailure(observed(), notFound)))
        .containsExactly(new Wait("web", NOW.plusSeconds(240), "ImageNotFound"));
  }

  @Test
  void triesANewSpecAtOnceDespiteAFailureOfTheOldOne() {
    Failure old = new Failure("web", "oldhash", "ImagePullFailed", "x", true, 5, NOW);
    assertThat(plan(desired(1, web), withFailure(observed(), old)))
        .first()
        .isInstanceOf(PullImage.class);
  }

  @Test
  void aFailureDoesNotStopARunningKeeper() {
    Failure f = new Failure("web", SpecHash.of(web.spec()), "X", "x", true, 1, NOW);
    assertThat(plan(desired(1, web), withFailure(observed(running(web)), f))).isEmpty();
  }

  @Test
  void keepsTheOldRevisionRunningWhileTheNewPullIsBackingOff() {
    DesiredWorkload v2 = workload("web", "reg.local/web:2", "always", 2);
    Failure f = new Failure("web", SpecHash.of(v2.spec()), "ImagePullFailed", "x", true, 1, NOW);
    assertThat(plan(desired(2, v2), withFailure(observed(running(web)), f)))
        .containsExactly(new Wait("web", NOW.plusSeconds(10), "ImagePullFailed"));
  }

  @Test
  void plansEachWorkloadIndependentlyInNameOrder() {
    DesiredWorkload a = workload("a");
    DesiredWorkload b = workload("b");
    List<Action> actions =
        plan(desired(1, b, a), withImages(observed(running(b)), a.spec().image()));
    assertThat(actions).containsExactly(new CreateAndStart(a, "a.r1", SpecHash.of(a.spec())));
  }

  @Test
  void removesUndesiredBeforeCreatingNew() {
    DesiredWorkload gone = workload("gone");
    List<Action> actions =
        plan(desired(2, web), withImages(observed(running(gone)), web.spec().image()));
    assertThat(actions)
        .containsExactly(
            new Stop("gone", "gone.r1"),
            new Remove("gone", "gone.r1"),
            new CreateAndStart(web, "web.r1", SpecHash.of(web.spec())));
  }

  @Test
  void convergedPlanIsEmptyAndHasNoWakeUp() {
    Plan p = planner.plan(desired(1, web), observed(running(web)), NOW);
    assertThat(p.converged()).isTrue();
    assertThat(p.hasWork()).isFalse();
    assertThat(p.nextWakeUp()).isEmpty();
  }
}
