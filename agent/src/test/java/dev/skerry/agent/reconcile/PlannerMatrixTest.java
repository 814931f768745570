package dev.skerry.agent.reconcile;

import static dev.skerry.agent.reconcile.Fixtures.NOW;
import static dev.skerry.agent.reconcile.Fixtures.container;
import static dev.skerry.agent.reconcile.Fixtures.foreign;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of restart policy, task state, exit code, spec match, image presence, time
 * since exit and a bystander container: 3 x 6 x 4 x 2 x 2 x 3 x 2 = 1728 cases, each checked
 * against the rules written as a table below, and against the convergence property (carrying out
 * the plan leaves nothing but waiting to do).
 */
class PlannerMatrixTest {
  private static final Planner PLANNER = new Planner();

  record Case(
      String policy,
      TaskState task,
      Integer exitCode,
      boolean specMatches,
      boolean imagePresent,
      long secondsSinceExit,
      boolean bystander) {
    @Override
    public String toString() {
      return policy
          + "/"
          + task
          + "/exit="
          + exitCode
          + (specMatches ? "/same" : "/changed")
          + (imagePresent ? "/img" : "/no-img")
          + "/+"
          + secondsSinceExit
          + "s"
          + (bystander ? "/foreign" : "");
    }
  }

  static Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (String policy : List.of("always", "on-failure", "never")) {
      for (TaskState task : TaskState.values()) {
        for (Integer exit : new Integer[] {null, 0, 1, 137}) {
          for (boolean match : new boolean[] {true, false}) {
            for (boolean image : new boolean[] {true, false}) {
              for (long since : new long[] {0, 9, 10}) {
                for (boolean bystander : new boolean[] {false, true}) {
                  out.add(new Case(policy, task, exit, match, image, since, bystander));
                }
              }
            }
          }
        }
      }
    }
    return out.stream();
  }

  private static DesiredWorkload desiredFor(Case c) {
    return workload("app", "reg.local/app:1", c.policy, 4);
  }

  private static ObservedState observedFor(Case c) {
    DesiredWorkload w = desiredFor(c);
    String hash = c.specMatches ? SpecHash.of(w.spec()) : "0000000000000000";
    Integer exit = c.task == TaskState.STOPPED ? c.exitCode : null;
    var exitedAt = c.task == TaskState.STOPPED ? NOW.minusSeconds(c.secondsSinceExit) : null;
    List<Container> containers = new ArrayList<>();
    containers.add(container("app", 3, hash, c.task, exit, exitedAt));
    if (c.bystander) {
      containers.add(foreign("app.r3-debug", TaskState.STOPPED));
    }
    return new ObservedState(
        containers, c.imagePresent ? Set.of(w.spec().image()) : Set.of(), Map.of(), Map.of());
  }

  /** The restart rules as a table: does an exit with this code restart under this policy? */
  private static boolean wantsRestart(String policy, Integer exitCode) {
    return switch (policy) {
      case "always" -> true;
      case "on-failure" -> exitCode == null || exitCode != 0;
      default -> false;
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void followsTheRules(Case c) {
    List<Action> actions =
        PLANNER.plan(new DesiredState(7, List.of(desiredFor(c))), observedFor(c), NOW).actions();

    assertThat(actions).allSatisfy(a -> assertThat(a.workload()).isEqualTo("app"));
    assertThat(actions)
        .as("never touches a container without Skerry labels")
        .noneMatch(a -> a instanceof Stop s && s.containerId().startsWith("app.r3-"))
        .noneMatch(a -> a instanceof Remove r && r.containerId().startsWith("app.r3-"));

    boolean replace = !c.specMatches || c.task == TaskState.CREATED;
    if (replace) {
      assertThat(actions).last().isInstanceOf(CreateAndStart.class);
      boolean pullFirst = !c.imagePresent;
      assertThat(actions.get(0) instanceof PullImage).isEqualTo(pullFirst);
      boolean live =
          c.task == TaskState.RUNNING
              || c.task == TaskState.PAUSED
              || c.task == TaskState.UNKNOWN
              || c.task == TaskState.CREATED;
      assertThat(actions).filteredOn(Stop.class::isInstance).hasSize(live ? 1 : 0);
      assertThat(actions).filteredOn(Remove.class::isInstance).hasSize(1);
      int removeAt = indexOf(actions, Remove.class);
      assertThat(removeAt).isLessThan(indexOf(actions, CreateAndStart.class));
      CreateAndStart create = (CreateAndStart) actions.get(actions.size() - 1);
      assertThat(create.containerId()).isEqualTo("app.r4");
      return;
    }
    assertThat(actions)
        .noneMatch(
            a ->
                a instanceof Stop
                    || a instanceof Remove
                    || a instanceof CreateAndStart
                    || a instanceof PullImage);
    switch (c.task) {
      case RUNNING, PAUSED, UNKNOWN -> assertThat(actions).isEmpty();
      case NONE ->
          assertThat(actions)
              .hasSize(c.policy.equals("never") ? 0 : 1)
              .allMatch(Restart.class::isInstance);
      case STOPPED -> {
        if (!wantsRestart(c.policy, c.exitCode)) {
          assertThat(actions).isEmpty();
        } else if (c.secondsSinceExit >= 10) {
          assertThat(actions).containsExactly(new Restart("app", "app.r3", 1));
        } else {
          assertThat(actions)
              .containsExactly(
                  new Wait("app", NOW.plusSeconds(10 - c.secondsSinceExit), "CrashLoopBackOff"));
        }
      }
      default -> throw new AssertionError("unexpected task state " + c.task);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void carryingOutThePlanConverges(Case c) {
    DesiredState desired = new DesiredState(7, List.of(desiredFor(c)));
    ObservedState before = observedFor(c);
    Plan plan = PLANNER.plan(desired, before, NOW);
    ObservedState after = Simulation.apply(plan, before);
    Plan next = PLANNER.plan(desired, after, NOW);
    assertThat(next.hasWork()).as("after %s: %s", plan.actions(), next.actions()).isFalse();
    assertThat(PLANNER.plan(desired, before, NOW)).as("deterministic").isEqualTo(plan);
  }

  private static int indexOf(List<Action> actions, Class<?> type) {
    for (int i = 0; i < actions.size(); i++) {
      if (type.isInstance(actions.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
