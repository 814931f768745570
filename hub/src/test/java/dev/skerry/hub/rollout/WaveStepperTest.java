package dev.skerry.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.core.spec.RolloutStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WaveStepperTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  /** waves 10/50/100 %, bake 60 s, 20 % failure budget, 100 s deadline. */
  private static final RolloutStrategy WAVES =
      new RolloutStrategy("waves", List.of(10, 50, 100), 60, 20, 100, 10, true);

  /** A small world: devices with their progress, the rollout, its members; steps move time. */
  private static final class Fleet {
    final Map<String, Candidate> devices = new java.util.TreeMap<>();
    final Map<String, RolloutMember> members = new HashMap<>();
    final List<RolloutEvent> events = new ArrayList<>();
    RolloutStrategy strategy = WAVES;
    Rollout rollout;
    boolean recomposed;

    Fleet(int online) {
      IntStream.range(0, online).forEach(i -> online(String.format("d%02d", i)));
    }

    void online(String id) {
      devices.put(id, new Candidate(id, true, Progress.updating(false, "no report yet")));
    }

    void offline(String id) {
      devices.put(id, new Candidate(id, false, devices.get(id).progress()));
    }

    void progress(String id, Progress p) {
      devices.put(id, new Candidate(id, devices.get(id).online(), p));
    }

    void start(long stable, Instant now) {
      take(WaveStepper.start("web", 2, stable, strategy, List.copyOf(devices.values()), now));
    }

    WaveStepper.Step step(Instant now) {
      WaveStepper.Step s =
          WaveStepper.step(rollout, strategy, List.copyOf(devices.values()), members, now);
      take(s);
      return s;
    }

    void take(WaveStepper.Step s) {
      rollout = s.rollout();
      s.changed().forEach(m -> members.put(m.deviceId(), m));
      events.addAll(s.events());
      recomposed = s.recompose();
    }

    void allMembers(Progress p) {
      members.keySet().forEach(id -> progress(id, p));
    }

    String status(String id) {
      return members.get(id).status();
    }
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void theFirstWaveTakesItsShareOfTheTargetedDevicesAndAtLeastOne() {
    Fleet fleet = new Fleet(20);
    fleet.start(1, T0);

    assertThat(fleet.members).hasSize(2); // 10 % of 20
    assertThat(fleet.rollout.state()).isEqualTo("progressing");
    assertThat(fleet.recomposed).isTrue();
    assertThat(fleet.events).extracting(RolloutEvent::kind).containsExactly("started", "wave");

    Fleet three = new Fleet(3);
    three.start(1, T0);
    assertThat(three.members).hasSize(1); // ceil(0.3)
  }

  @Test
  void waveMembershipIsTheSameEveryTimeForTheSameFleetAndRevision() {
    Fleet a = new Fleet(50);
    Fleet b = new Fleet(50);
    a.start(1, T0);
    b.start(1, at(500));

    assertThat(a.members.keySet()).isEqualTo(b.members.keySet());
  }

  @Test
  void canaryDevicesAreOnlineOnesWhenThereAreEnough() {
    Fleet fleet = new Fleet(10);
    for (int i = 0; i < 9; i++) {
      fleet.offline(String.format("d%02d", i));
    }
    fleet.start(1, T0);

    assertThat(fleet.members).containsOnlyKeys("d09");
    assertThat(fleet.status("d09")).isEqualTo("updating");
  }

  @Test
  void aWaveIsPromotedOnlyAfterItsDevicesStayedHealthyForTheBakeTime() {
    Fleet fleet = new Fleet(10);
    fleet.start(1, T0);
    fleet.allMembers(Progress.healthy());

    fleet.step(at(5));
    assertThat(fleet.rollout.settledSince()).isEqualTo(at(5));
    fleet.step(at(64));
    assertThat(fleet.rollout.wave()).isZero();
    assertThat(fleet.members).hasSize(1);

    fleet.step(at(65));
    assertThat(fleet.rollout.wave()).isEqualTo(1);
    assertThat(fleet.members).hasSize(5);
    assertThat(fleet.recomposed).isTrue();
  }

  @Test
  void aDeviceThatStopsBeingHealthyDuringTheBakeRestartsTheBakeClock() {
    Fleet fleet = new Fleet(10);
    fleet.start(1, T0);
    fleet.allMembers(Progress.healthy());
    fleet.step(at(5));
    fleet.allMembers(Progress.updating(true, "workload web is exited"));
    fleet.step(at(30));
    assertThat(fleet.rollout.settledSince()).isNull();
    fleet.allMembers(Progress.healthy());
    fleet.step(at(40));

    fleet.step(at(70));
    assertThat(fleet.rollout.wave()).isZero();
    fleet.step(at(100));
    assertThat(fleet.rollout.wave()).isEqualTo(1);
  }

  @Test
  void theLastWaveSettlingCompletesTheRollout() {
    Fleet fleet = new Fleet(2);
    fleet.strategy = RolloutStrategy.DEFAULT;
    fleet.start(1, T0);
    assertThat(fleet.members).hasSize(2);
    fleet.allMembers(Progress.healthy());

    fleet.step(at(1));

    assertThat(fleet.rollout.state()).isEqualTo("complete");
    assertThat(fleet.events).extracting(RolloutEvent::kind).endsWith("complete");
  }

  @Test
  void aFailedCanaryAbortsTheRolloutAndRollsBackToTheStableRevision() {
    Fleet fleet = new Fleet(20);
    fleet.start(1, T0);
    String canary = fleet.members.keySet().iterator().next();
    fleet.progress(canary, Progress.failed("workload web rolled back on the device"));

    fleet.step(at(10));

    assertThat(fleet.status(canary)).isEqualTo("failed");
    assertThat(fleet.rollout.state()).isEqualTo("rolledback");
    assertThat(fleet.rollout.message()).contains("1 of 2").contains("revision 1");
    assertThat(fleet.recomposed).isTrue();
    assertThat(fleet.events)
        .extracting(RolloutEvent::kind)
        .contains("device-failed", "aborted", "rolledback");
  }

  @Test
  void failuresWithinTheBudgetDoNotAbort() {
    Fleet fleet = new Fleet(10);
    fleet.strategy = new RolloutStrategy("waves", List.of(50, 100), 0, 20, 100, 10, true);
    fleet.start(1, T0);
    List<String> ids = List.copyOf(fleet.members.keySet());
    fleet.allMembers(Progress.healthy());
    fleet.progress(ids.get(0), Progress.failed("rolled back"));

    fleet.step(at(1)); // 1 of 5 = 20 %: not above the budget

    assertThat(fleet.rollout.state()).isEqualTo("progressing");
    assertThat(fleet.rollout.wave()).isEqualTo(1);
  }

  @Test
  void withoutAutoRollbackAnAbortedRolloutIsFailedAndTheUpdatedDevicesKeepTheRevision() {
    Fleet fleet = new Fleet(10);
    fleet.strategy = new RolloutStrategy("waves", List.of(10, 100), 0, 0, 100, 10, false);
    fleet.start(1, T0);
    fleet.allMembers(Progress.failed("rolled back on the device"));

    fleet.step(at(1));

    assertThat(fleet.rollout.state()).isEqualTo("failed");
    assertThat(fleet.rollout.message()).contains("autoRollback is off");
    assertThat(fleet.recomposed).isFalse();
  }

  @Test
  void aFirstRevisionThatFailsCannotRollBackAndFails() {
    Fleet fleet = new Fleet(10);
    fleet.start(0, T0);
    fleet.allMembers(Progress.failed("crash loop"));

    fleet.step(at(1));

    assertThat(fleet.rollout.state()).isEqualTo("failed");
    assertThat(fleet.rollout.message()).contains("no earlier revision");
  }

  @Test
  void aDeviceNotHealthyByItsProgressDeadlineFails() {
    Fleet fleet = new Fleet(10);
    fleet.start(1, T0);
    String canary = fleet.members.keySet().iterator().next();
    fleet.progress(canary, Progress.updating(true, "workload web is running: unhealthy: 503"));

    fleet.step(at(100));
    assertThat(fleet.status(canary)).isEqualTo("updating");
    fleet.step(at(101));

    assertThat(fleet.status(canary)).isEqualTo("failed");
    assertThat(fleet.members.get(canary).message())
        .isEqualTo("not healthy within 100 s: workload web is running: unhealthy: 503");
    assertThat(fleet.rollout.state()).isEqualTo("rolledback");
  }

  @Test
  void aHubRestartDoesNotChargeItsDowntimeToADevicesDeadline() {
    Fleet fleet = new Fleet(10);
    fleet.start(1, T0);
    String canary = fleet.members.keySet().iterator().next();
    fleet.progress(canary, Progress.updating(true, "workload web not at revision 2 yet"));
    fleet.step(at(10));

    // The hub was down from 10 s to 90 s; the restarted hub began watching at 90 s.
    Instant restarted = at(90);
    take(
        fleet,
        WaveStepper.step(
            fleet.rollout, fleet.strategy, devices(fleet), fleet.members, at(120), restarted));
    assertThat(fleet.status(canary)).isEqualTo("updating");
    take(
        fleet,
        WaveStepper.step(
            fleet.rollout, fleet.strategy, devices(fleet), fleet.members, at(190), restarted));
    assertThat(fleet.status(canary)).isEqualTo("updating");

    take(
        fleet,
        WaveStepper.step(
            fleet.rollout, fleet.strategy, devices(fleet), fleet.members, at(191), restarted));
    assertThat(fleet.status(canary)).isEqualTo("failed");
  }

  private static List<Candidate> devices(Fleet fleet) {
    return List.copyOf(fleet.devices.values());
  }

  private static void take(Fleet fleet, WaveStepper.Step step) {
    fleet.take(step);
  }

  @Test
  void anOfflineMemberIsPendingDoesNotHoldTheWaveAndGetsAFreshDeadlineWhenItReturns() {
    Fleet fleet = new Fleet(10);
    fleet.strategy = new RolloutStrategy("waves", List.of(20, 100), 0, 0, 100, 10, true);
    fleet.start(1, T0);
    List<String> ids = List.copyOf(fleet.members.keySet());
    fleet.offline(ids.get(0));
    fleet.progress(ids.get(1), Progress.healthy());

    fleet.step(at(1));
    assertThat(fleet.status(ids.get(0))).isEqualTo("pending");
    assertThat(fleet.rollout.wave()).isEqualTo(1); // promoted: the pending one does not hold it

    fleet.online(ids.get(0));
    fleet.step(at(500));
    assertThat(fleet.status(ids.get(0))).isEqualTo("updating");
    assertThat(fleet.members.get(ids.get(0)).since()).isEqualTo(at(500));
  }

  @Test
  void onlyOfflineMembersNeverSettleAWave() {
    Fleet fleet = new Fleet(1);
    fleet.offline("d00");
    fleet.start(1, T0);

    fleet.step(at(1000));

    assertThat(fleet.status("d00")).isEqualTo("pending");
    assertThat(fleet.rollout.state()).isEqualTo("progressing");
    assertThat(fleet.rollout.settledSince()).isNull();
  }

  @Test
  void aPausedRolloutFollowsItsDevicesButIsNotPromoted() {
    Fleet fleet = new Fleet(10);
    fleet.strategy = new RolloutStrategy("waves", List.of(10, 100), 0, 0, 100, 10, true);
    fleet.start(1, T0);
    fleet.take(WaveStepper.pause(fleet.rollout, at(1)));
    fleet.allMembers(Progress.healthy());

    fleet.step(at(2));
    assertThat(fleet.rollout.state()).isEqualTo("paused");
    assertThat(fleet.members.values()).extracting(RolloutMember::status).containsOnly("healthy");
    assertThat(fleet.members).hasSize(1);

    fleet.take(WaveStepper.resume(fleet.rollout, at(3)));
    fleet.step(at(4));
    assertThat(fleet.rollout.wave()).isEqualTo(1);
    assertThat(fleet.members).hasSize(10);
  }

  @Test
  void pauseResumeAndRollbackRefuseStatesThatDoNotAllowThem() {
    Fleet fleet = new Fleet(1);
    fleet.start(0, T0);

    assertThatThrownBy(() -> WaveStepper.resume(fleet.rollout, T0))
        .hasMessage("the rollout is progressing, not paused");
    assertThatThrownBy(() -> WaveStepper.rollback(fleet.rollout, T0))
        .hasMessage("revision 2 has no earlier revision to roll back to");
  }

  @Test
  void anOperatorRollbackSendsEveryDeviceTheStableRevision() {
    Fleet fleet = new Fleet(4);
    fleet.strategy = RolloutStrategy.DEFAULT;
    fleet.start(1, T0);
    fleet.allMembers(Progress.healthy());
    fleet.step(at(1));

    fleet.take(WaveStepper.rollback(fleet.rollout, at(2)));

    assertThat(fleet.rollout.state()).isEqualTo("rolledback");
    assertThat(fleet.recomposed).isTrue();
    assertThatThrownBy(() -> WaveStepper.rollback(fleet.rollout, at(3)))
        .hasMessage("the rollout is already rolled back");
  }

  @Test
  void devicesThatJoinTheSelectorDuringTheLastWaveAreTakenIn() {
    Fleet fleet = new Fleet(2);
    fleet.strategy = RolloutStrategy.DEFAULT;
    fleet.start(1, T0);
    fleet.online("late");

    fleet.step(at(1));

    assertThat(fleet.members).containsKey("late");
    assertThat(fleet.recomposed).isTrue();
  }

  @Test
  void aRolloutWithNoTargetedDeviceIsCompleteAtOnce() {
    Fleet fleet = new Fleet(0);
    fleet.start(1, T0);

    assertThat(fleet.rollout.state()).isEqualTo("complete");
  }

  @Test
  void aFailedMemberStaysFailedEvenIfItLaterLooksHealthy() {
    Fleet fleet = new Fleet(10);
    fleet.strategy = new RolloutStrategy("waves", List.of(10, 100), 0, 100, 100, 10, true);
    fleet.start(1, T0);
    String canary = fleet.members.keySet().iterator().next();
    fleet.progress(canary, Progress.failed("rolled back"));
    fleet.step(at(1));
    fleet.progress(canary, Progress.healthy());

    fleet.step(at(2));

    assertThat(fleet.status(canary)).isEqualTo("failed");
  }
}
