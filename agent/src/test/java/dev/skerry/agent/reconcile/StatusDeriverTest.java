package dev.skerry.agent.reconcile;

import static dev.skerry.agent.reconcile.Fixtures.NOW;
import static dev.skerry.agent.reconcile.Fixtures.containerOf;
import static dev.skerry.agent.reconcile.Fixtures.desired;
import static dev.skerry.agent.reconcile.Fixtures.observed;
import static dev.skerry.agent.reconcile.Fixtures.running;
import static dev.skerry.agent.reconcile.Fixtures.withFailure;
import static dev.skerry.agent.reconcile.Fixtures.withHistory;
import static dev.skerry.agent.reconcile.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WorkloadStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusDeriverTest {
  private final StatusDeriver deriver = new StatusDeriver();
  private final Planner planner = new Planner();
  private final DesiredWorkload web = workload("web");

  private WorkloadStatus only(DesiredState d, ObservedState o, Set<String> pulling) {
    List<WorkloadStatus> all =
        deriver.statuses(d, o, planner.plan(d, o, NOW), pulling, null, NOW, Map.of());
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void aWorkloadWithoutContainerIsPending() {
    assertThat(only(desired(1, web), observed(), Set.of()).state()).isEqualTo("pending");
  }

  @Test
  void aContainerKilledForMemoryIsExitedAsOomKilledWhileItWaitsToRestart() {
    Container c = containerOf(web, TaskState.STOPPED, 137, NOW.minusSeconds(1));
    Container oom =
        new Container(
            c.id(),
            c.workload(),
            c.revision(),
            c.specHash(),
            c.image(),
            c.task(),
            c.exitCode(),
            c.exitedAt(),
            c.labels(),
            true);

    WorkloadStatus s = only(desired(1, web), observed(oom), Set.of());

    assertThat(s.state()).isEqualTo("exited");
    assertThat(s.exitCode()).isEqualTo(137);
    assertThat(s.message()).startsWith("OOM-killed; back-off: restarting at ");
  }

  @Test
  void aContainerKilledBySigkillForAnotherReasonIsNotCalledOomKilled() {
    Container c = containerOf(web, TaskState.STOPPED, 137, NOW.minusSeconds(1));

    assertThat(only(desired(1, web), observed(c), Set.of()).message()).doesNotContain("OOM");
  }

  @Test
  void aWorkloadBeingPulledIsPulling() {
    assertThat(only(desired(1, web), observed(), Set.of("web")).state()).isEqualTo("pulling");
  }

  @Test
  void aMatchingRunningContainerIsRunningWithTheContractFields() {
    WorkloadHistory r = new WorkloadHistory("web", 2, 0, NOW, null, null, "sha256:abc");
    WorkloadStatus s = only(desired(1, web), withHistory(observed(running(web)), r), Set.of());
    assertThat(s)
        .isEqualTo(
            new WorkloadStatus(
                "web",
                "dep-web",
                1,
                web.spec().image(),
                "sha256:abc",
                "running",
                2,
                "unknown",
                null,
                null,
                false,
                null));
  }

  @Test
  void aContainerRunningMinReadySecondsIsReady() {
    WorkloadHistory r = new WorkloadHistory("web", 0, 0, NOW.minusSeconds(10), null, null, null);
    assertThat(only(desired(1, web), withHistory(observed(running(web)), r), Set.of()).ready())
        .isTrue();
  }

  @Test
  void aRolledBackWorkloadReportsItsLastKnownGoodRevisionAndTheRevisionItGaveUpOn() {
    WorkloadHistory r = new WorkloadHistory("web", 0, 0, NOW.minusSeconds(60), null, null, null);
    String why = "rolled back from revision 2: not ready within 30 s: unhealthy: HTTP 500";
    WorkloadStatus s =
        deriver
            .statuses(
                desired(3, web),
                withHistory(observed(running(web)), r),
                Plan.EMPTY,
                Set.of(),
                null,
                NOW,
                Map.of("web", new RolloutNote(2L, why)))
            .get(0);
    assertThat(s.revision()).isEqualTo(1);
    assertThat(s.image()).isEqualTo(web.spec().image());
    assertThat(s.failedRevision()).isEqualTo(2);
    assertThat(s.message()).isEqualTo(why);
    assertThat(s.ready()).isTrue();
  }

  @Test
  void aPassedDeadlineKeepsTheWorkloadsOwnMessage() {
    Failure f = new Failure("web", SpecHash.of(web.spec()), "PullFailed", "timeout", true, 1, NOW);
    WorkloadStatus s =
        deriver
            .statuses(
                desired(1, web),
                withFailure(observed(), f),
                Plan.EMPTY,
                Set.of(),
                null,
                NOW,
                Map.of("web", new RolloutNote(null, "progress deadline of 30 s passed")))
            .get(0);
    assertThat(s.state()).isEqualTo("failed");
    assertThat(s.message()).isEqualTo("progress deadline of 30 s passed; PullFailed: timeout");
    assertThat(s.failedRevision()).isNull();
    assertThat(s.ready()).isFalse();
  }

  @Test
  void aRunningContainerOfAnOldSpecDoesNotCountAsRunning() {
    DesiredWorkload v2 = workload("web", "reg.local/web:2", "always", 2);
    assertThat(only(desired(2, v2), observed(running(web)), Set.of()).state()).isEqualTo("pending");
  }

  @Test
  void anExitedContainerIsExitedWithItsCodeAndBackoff() {
    var crashed = containerOf(web, TaskState.STOPPED, 3, NOW.minusSeconds(1));
    WorkloadStatus s = only(desired(1, web), observed(crashed), Set.of());
    assertThat(s.state()).isEqualTo("exited");
    assertThat(s.exitCode()).isEqualTo(3);
    assertThat(s.message()).contains("back-off").contains(NOW.plusSeconds(9).toString());
  }

  @Test
  void aFailureOfTheCurrentSpecIsFailedWithItsReason() {
    Failure f =
        new Failure("web", SpecHash.of(web.spec()), "ImageNotFound", "no tag 1", false, 1, NOW);
    WorkloadStatus s = only(desired(1, web), withFailure(observed(), f), Set.of());
    assertThat(s.state()).isEqualTo("failed");
    assertThat(s.message()).isEqualTo("ImageNotFound: no tag 1");
  }

  @Test
  void anUnreachableRuntimeMakesEveryWorkloadPendingWithTheReason() {
    List<WorkloadStatus> all =
        deriver.statuses(
            desired(1, web, workload("db")),
            observed(running(web)),
            Plan.EMPTY,
            Set.of(),
            "RuntimeUnavailable: down",
            NOW,
            Map.of());
    assertThat(all)
        .extracting(WorkloadStatus::state, WorkloadStatus::message)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("pending", "RuntimeUnavailable: down"));
  }

  @Test
  void listsWorkloadsByName() {
    assertThat(
            deriver.statuses(
                desired(1, workload("b"), workload("a")),
                observed(),
                Plan.EMPTY,
                Set.of(),
                null,
                NOW,
                Map.of()))
        .extracting(WorkloadStatus::name)
        .containsExactly("a", "b");
  }
}
