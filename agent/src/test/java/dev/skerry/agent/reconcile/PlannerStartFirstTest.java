package dev.skerry.agent.reconcile;

import static dev.skerry.agent.reconcile.Fixtures.NOW;
import static dev.skerry.agent.reconcile.Fixtures.desired;
import static dev.skerry.agent.reconcile.Fixtures.observed;
import static dev.skerry.agent.reconcile.Fixtures.running;
import static dev.skerry.agent.reconcile.Fixtures.withFailure;
import static dev.skerry.agent.reconcile.Fixtures.withHistory;
import static dev.skerry.agent.reconcile.Fixtures.withImages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WorkloadSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Update strategies: stop-first (the default) and start-first. */
class PlannerStartFirstTest {
  private final Planner planner = new Planner();

  private static DesiredWorkload web(long revision, String tag, String strategy) {
    return new DesiredWorkload(
        "site",
        revision,
        new WorkloadSpec(
            "web", "reg/web:" + tag, null, null, null, "always", null, null, null, null, strategy));
  }

  private static ObservedState startedAt(ObservedState o, Instant at) {
    return withHistory(o, WorkloadHistory.fresh("web").started(at, 0, false, null));
  }

  private final DesiredWorkload v1 = web(1, "1", "start-first");
  private final DesiredWorkload v2 = web(2, "2", "start-first");

  @Test
  void stopFirstStopsTheOldContainerBeforeStartingTheNew() {
    DesiredWorkload old = web(1, "1", null);
    DesiredWorkload next = web(2, "2", "stop-first");
    Plan plan =
        planner.plan(desired(2, next), withImages(observed(running(old)), "reg/web:2"), NOW);
    assertThat(plan.actions())
        .containsExactly(
            new Action.Stop("web", "web.r1"),
            new Action.Remove("web", "web.r1"),
            new Action.CreateAndStart(next, "web.r2", SpecHash.of(next.spec())));
  }

  @Test
  void startFirstStartsTheNewContainerBesideTheRunningOldOne() {
    Plan plan = planner.plan(desired(2, v2), withImages(observed(running(v1)), "reg/web:2"), NOW);
    assertThat(plan.actions())
        .containsExactly(new Action.CreateAndStart(v2, "web.r2", SpecHash.of(v2.spec())));
  }

  @Test
  void startFirstPullsBeforeStartingAndLeavesTheOldRunning() {
    Plan plan = planner.plan(desired(2, v2), observed(running(v1)), NOW);
    assertThat(plan.actions())
        .containsExactly(
            new Action.PullImage("web", "reg/web:2"),
            new Action.CreateAndStart(v2, "web.r2", SpecHash.of(v2.spec())));
  }

  @Test
  void startFirstKeepsTheOldContainerRunningWhileTheNewIsNotReady() {
    ObservedState both = startedAt(observed(running(v1), running(v2)), NOW);
    Plan plan = planner.plan(desired(2, v2), both, NOW.plusSeconds(9));
    assertThat(plan.actions())
        .containsExactly(new Action.Wait("web", NOW.plusSeconds(10), Planner.WAITING_FOR_READY));
    assertThat(plan.converged()).isFalse();
  }

  @Test
  void startFirstStopsTheOldContainerOnceTheNewIsReady() {
    ObservedState both = startedAt(observed(running(v1), running(v2)), NOW);
    Plan plan = planner.plan(desired(2, v2), both, NOW.plusSeconds(10));
    assertThat(plan.actions())
        .containsExactly(new Action.Stop("web", "web.r1"), new Action.Remove("web", "web.r1"));
  }

  @Test
  void startFirstRemovesTheNewerContainerAtOnceWhenRollingBack() {
    ObservedState both = startedAt(observed(running(v1), running(v2)), NOW);
    Plan plan = planner.plan(desired(2, v1), both, NOW);
    assertThat(plan.actions())
        .containsExactly(new Action.Stop("web", "web.r2"), new Action.Remove("web", "web.r2"));
  }

  @Test
  void startFirstWithinOneRevisionStopsTheOldFirstBecauseTheIdsAreEqual() {
    DesiredWorkload sameRevision = web(1, "1b", "start-first");
    Plan plan =
        planner.plan(
            desired(2, sameRevision), withImages(observed(running(v1)), "reg/web:1b"), NOW);
    assertThat(plan.actions())
        .containsExactly(
            new Action.Stop("web", "web.r1"),
            new Action.Remove("web", "web.r1"),
            new Action.CreateAndStart(sameRevision, "web.r1", SpecHash.of(sameRevision.spec())));
  }

  @Test
  void startFirstWithAFailedPullWaitsAndLeavesTheOldRunning() {
    Failure pull =
        new Failure("web", SpecHash.of(v2.spec()), "ImageNotFound", "no tag", false, 1, NOW);
    Plan plan = planner.plan(desired(2, v2), withFailure(observed(running(v1)), pull), NOW);
    assertThat(plan.actions()).allMatch(Action.Wait.class::isInstance);
  }

  @Test
  void startFirstNeverCreatesTwoContainersWithOneId() {
    for (long from = 1; from <= 3; from++) {
      for (long to = 1; to <= 3; to++) {
        DesiredWorkload old = web(from, "old", "start-first");
        DesiredWorkload next = web(to, "new", "start-first");
        ObservedState state = observed(running(old));
        // Simulation.apply fails on a create over an existing id; run the update to its end.
        for (int pass = 0; pass < 4; pass++) {
          Instant at = NOW.plusSeconds(60L * pass);
          state =
              startedAt(Simulation.apply(planner.plan(desired(2, next), state, at), state), NOW);
        }
        assertThat(state.containers())
            .as("from r%d to r%d", from, to)
            .extracting(Container::specHash)
            .containsExactly(SpecHash.of(next.spec()));
        assertThat(List.copyOf(state.containers())).hasSize(1);
      }
    }
  }
}
