package dev.skerry.agent.reconcile;

import static dev.skerry.agent.reconcile.Fixtures.NOW;
import static dev.skerry.agent.reconcile.Fixtures.containerOf;
import static dev.skerry.agent.reconcile.Fixtures.desired;
import static dev.skerry.agent.reconcile.Fixtures.observed;
import static dev.skerry.agent.reconcile.Fixtures.running;
import static dev.skerry.agent.reconcile.Fixtures.withHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.health.Health;
import dev.skerry.agent.health.HealthStatus;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import dev.skerry.core.wire.WorkloadSpec.HttpGet;
import dev.skerry.core.wire.WorkloadStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerHealthTest {
  private static final HealthCheck CHECK =
      new HealthCheck(null, new HttpGet(8080, "/"), null, null, null, null, null);
  private static final String WHY = "3 consecutive failures, last: HTTP 500";

  private final Planner planner = new Planner();
  private final StatusDeriver deriver = new StatusDeriver();

  private static DesiredWorkload checked(String name, String policy, HealthCheck check) {
    return new DesiredWorkload(
        "dep-" + name,
        1,
        new WorkloadSpec(
            name, "reg.local/" + name + ":1", null, null, null, policy, null, null, check, null));
  }

  private static ObservedState withHealth(
      ObservedState o, Container c, Health health, String message) {
    return o.withHealth(Map.of(c.id(), new HealthStatus(health, message)), o.healthKills());
  }

  @Test
  void killsUnhealthyContainerUnderRestartPolicyAlways() {
    DesiredWorkload w = checked("web", "always", CHECK);
    Container c = running(w);
    Plan plan = planner.plan(desired(1, w), withHealth(observed(c), c, Health.UNHEALTHY, WHY), NOW);
    assertThat(plan.actions()).containsExactly(new Action.KillUnhealthy("web", c.id(), WHY));
  }

  @Test
  void killsUnhealthyContainerUnderOnFailure() {
    DesiredWorkload w = checked("web", "on-failure", CHECK);
    Container c = running(w);
    Plan plan = planner.plan(desired(1, w), withHealth(observed(c), c, Health.UNHEALTHY, WHY), NOW);
    assertThat(plan.actions()).containsExactly(new Action.KillUnhealthy("web", c.id(), WHY));
  }

  @Test
  void leavesUnhealthyContainerRunningUnderNeverAndReportsIt() {
    DesiredWorkload w = checked("web", "never", CHECK);
    Container c = running(w);
    ObservedState o = withHealth(observed(c), c, Health.UNHEALTHY, WHY);
    Plan plan = planner.plan(desired(1, w), o, NOW);
    assertThat(plan.actions()).isEmpty();
    WorkloadStatus s =
        deriver.statuses(desired(1, w), o, plan, Set.of(), null, NOW, Map.of()).get(0);
    assertThat(s.state()).isEqualTo("running");
    assertThat(s.health()).isEqualTo("unhealthy");
    assertThat(s.message()).isEqualTo("unhealthy: " + WHY);
  }

  @Test
  void keepsHealthyAndUnknownContainersRunning() {
    DesiredWorkload w = checked("web", "always", CHECK);
    Container c = running(w);
    assertThat(
            planner
                .plan(desired(1, w), withHealth(observed(c), c, Health.HEALTHY, "HTTP 200"), NOW)
                .actions())
        .isEmpty();
    assertThat(planner.plan(desired(1, w), observed(c), NOW).actions()).isEmpty();
  }

  @Test
  void ignoresHealthOfWorkloadWithoutHealthCheck() {
    DesiredWorkload w = checked("web", "always", null);
    Container c = running(w);
    Plan plan = planner.plan(desired(1, w), withHealth(observed(c), c, Health.UNHEALTHY, WHY), NOW);
    assertThat(plan.actions()).isEmpty();
  }

  @Test
  void restartsKilledContainerAfterBackoffLikeAnyOtherExit() {
    DesiredWorkload w = checked("web", "on-failure", CHECK);
    Container killed = containerOf(w, TaskState.STOPPED, 137, NOW);
    ObservedState o =
        withHistory(
                observed(killed),
                new WorkloadHistory("web", 0, 0, NOW.minusSeconds(60), 137, NOW, null))
            .withHealth(Map.of(), Map.of("web", WHY));
    Plan waiting = planner.plan(desired(1, w), o, NOW.plusSeconds(1));
    assertThat(waiting.actions())
        .containsExactly(new Action.Wait("web", NOW.plus(Backoff.INITIAL), "CrashLoopBackOff"));
    WorkloadStatus s =
        deriver.statuses(desired(1, w), o, waiting, Set.of(), null, NOW, Map.of()).get(0);
    assertThat(s.state()).isEqualTo("exited");
    assertThat(s.message()).startsWith("health check failed: " + WHY + "; back-off");
    assertThat(planner.plan(desired(1, w), o, NOW.plus(Duration.ofSeconds(11))).actions())
        .containsExactly(new Action.Restart("web", killed.id(), 1));
  }

  @Test
  void reportsHealthAndWhyARunningContainerWasRestarted() {
    DesiredWorkload w = checked("web", "always", CHECK);
    Container c = running(w);
    ObservedState o =
        observed(c)
            .withHealth(
                Map.of(c.id(), new HealthStatus(Health.HEALTHY, "HTTP 200")), Map.of("web", WHY));
    WorkloadStatus s =
        deriver.statuses(desired(1, w), o, Plan.EMPTY, Set.of(), null, NOW, Map.of()).get(0);
    assertThat(s.health()).isEqualTo("healthy");
    assertThat(s.message()).isEqualTo("restarted: health check failed: " + WHY);
  }

  @Test
  void reportsUnknownHealthForContainerThatIsNotRunning() {
    DesiredWorkload w = checked("web", "never", CHECK);
    Container c = containerOf(w, TaskState.STOPPED, 1, NOW);
    ObservedState o = withHealth(observed(c), c, Health.UNHEALTHY, WHY);
    List<WorkloadStatus> s =
        deriver.statuses(desired(1, w), o, Plan.EMPTY, Set.of(), null, NOW, Map.of());
    assertThat(s.get(0).health()).isEqualTo("unknown");
  }
}
