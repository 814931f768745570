package dev.skerry.hub.rollout;

import static dev.skerry.hub.rollout.RolloutStates.COMPLETE;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_FAILED;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_HEALTHY;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_UPDATING;
import static dev.skerry.hub.rollout.RolloutStates.FAILED;
import static dev.skerry.hub.rollout.RolloutStates.PAUSED;
import static dev.skerry.hub.rollout.RolloutStates.PROGRESSING;
import static dev.skerry.hub.rollout.RolloutStates.ROLLEDBACK;

import dev.skerry.core.spec.RolloutStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rollout state machine: pure, no I/O, the same inputs give the same step.
 *
 * <p>A rollout takes the targeted devices in waves (cumulative percentages). Each wave's members
 * get the new revision; the others keep the stable one. A member is {@code updating} until its
 * report shows every workload of the deployment at the revision and ready ({@code healthy}), until
 * it gives up on the revision on its own or passes its progress deadline ({@code failed}, for
 * good), or {@code pending} while it is offline and has not taken the revision. The wave is settled
 * when no member is updating and at least one is healthy; after it stays settled for the bake time
 * the next wave starts, and after the last one the rollout is complete. When the failed members
 * pass the failure budget the rollout aborts: rolled back to the stable revision, or failed if it
 * may not (or cannot) roll back.
 */
public final class WaveStepper {

  /**
   * What a step changes.
   *
   * @param changed members added or whose status changed
   * @param recompose whether some device's revision choice changed (membership or rollout state)
   */
  public record Step(
      Rollout rollout, List<RolloutMember> changed, List<RolloutEvent> events, boolean recompose) {}

  private WaveStepper() {}

  /** Starts a rollout of {@code revision} and takes the first wave in. */
  public static Step start(
      String name,
      long revision,
      long stableRevision,
      RolloutStrategy strategy,
      List<Candidate> targeted,
      Instant now) {
    Rollout r =
        new Rollout(name, revision, stableRevision, PROGRESSING, 0, now, null, now, now, null);
    List<RolloutEvent> events = new ArrayList<>();
    events.add(
        RolloutEvents.of(
            r,
            now,
            "started",
            "revision "
                + revision
                + " to "
                + targeted.size()
                + " device(s), "
                + (strategy.waves().size() == 1
                    ? "all at once"
                    : "waves " + strategy.waves() + " %")
                + (stableRevision > 0 ? "; others keep revision " + stableRevision : "")));
    if (targeted.isEmpty()) {
      Rollout done = r.with(COMPLETE, 0, now, null, "no device is targeted");
      events.add(RolloutEvents.of(done, now, "complete", "no device is targeted"));
      return new Step(done, List.of(), events, true);
    }
    List<RolloutMember> admitted = WaveAdmission.admit(r, strategy, 0, targeted, Map.of(), now);
    events.add(RolloutEvents.wave(r, 0, strategy, admitted.size(), now));
    return new Step(r, admitted, events, true);
  }

  /** One evaluation of an active rollout against the devices' latest reports. */
  public static Step step(
      Rollout r,
      RolloutStrategy strategy,
      List<Candidate> targeted,
      Map<String, RolloutMember> members,
      Instant now) {
    return step(r, strategy, targeted, members, now, Instant.MIN);
  }

  /**
   * As {@link #step(Rollout, RolloutStrategy, List, Map, Instant)}, with progress deadlines counted
   * from {@code watchingSince} at the earliest (when this hub process began watching).
   */
  public static Step step(
      Rollout r,
      RolloutStrategy strategy,
      List<Candidate> targeted,
      Map<String, RolloutMember> members,
      Instant now,
      Instant watchingSince) {
    if (ROLLEDBACK.equals(r.state())) {
      return new Step(r, List.of(), List.of(), false);
    }
    List<RolloutEvent> events = new ArrayList<>();
    List<RolloutMember> changed = new ArrayList<>();
    Duration deadline = Duration.ofSeconds(strategy.progressDeadlineSeconds());
    int updated = 0;
    int healthy = 0;
    int failed = 0;
    int updating = 0;
    for (Candidate c : targeted) {
      RolloutMember m = members.get(c.id());
      if (m == null) {
        continue;
      }
      RolloutMember next = MemberStatus.follow(m, c, deadline, now, watchingSince);
      if (!next.equals(m)) {
        changed.add(next);
        if (DEVICE_FAILED.equals(next.status()) && !DEVICE_FAILED.equals(m.status())) {
          events.add(RolloutEvents.of(r, now, "device-failed", c.id() + ": " + next.message()));
        }
      }
      updated++;
      switch (next.status()) {
        case DEVICE_HEALTHY -> healthy++;
        case DEVICE_FAILED -> failed++;
        case DEVICE_UPDATING -> updating++;
        default -> {
          // pending: offline, does not hold the wave back
        }
      }
    }
    if (!PROGRESSING.equals(r.state())) {
      // Paused: follow the devices, move nowhere. Complete or failed: keep the devices' statuses
      // current (a device that was offline catches up later) without any transition.
      return new Step(r, changed, events, false);
    }
    if (failed > 0 && failed * 100L > (long) strategy.maxFailurePercent() * updated) {
      return abort(r, strategy, failed, updated, changed, events, now);
    }
    if (targeted.isEmpty()) {
      Rollout done = r.with(COMPLETE, r.wave(), r.waveStartedAt(), null, null);
      events.add(RolloutEvents.of(done, now, "complete", "no device is targeted any more"));
      return new Step(done, changed, events, true);
    }
    // Devices that joined the selector during the last wave take the revision being finished;
    // during earlier waves they keep the stable one (the current good revision) like the others.
    List<RolloutMember> joined =
        strategy.isLastWave(r.wave())
            ? WaveAdmission.admit(r, strategy, r.wave(), targeted, members, now)
            : List.of();
    if (!joined.isEmpty()) {
      changed.addAll(joined);
      events.add(
          RolloutEvents.of(
              r,
              now,
              "wave",
              "wave " + (r.wave() + 1) + ": " + joined.size() + " newly targeted device(s) join"));
      Rollout next = r.with(r.state(), r.wave(), r.waveStartedAt(), null, r.message());
      return new Step(next, changed, events, true);
    }
    // Settled: nobody still updating, and not only offline devices (they may never come back).
    boolean settled = updating == 0 && healthy + failed > 0;
    if (!settled) {
      Rollout next =
          r.settledSince() == null ? r : r.with(r.state(), r.wave(), r.waveStartedAt(), null, null);
      return new Step(next, changed, events, false);
    }
    Instant since = r.settledSince() == null ? now : r.settledSince();
    if (now.isBefore(since.plusSeconds(strategy.bakeSeconds()))) {
      Rollout next = r.with(r.state(), r.wave(), r.waveStartedAt(), since, r.message());
      return new Step(next, changed, events, false);
    }
    if (healthy == 0) {
      String why = "every updated device failed (" + failed + ")";
      events.add(RolloutEvents.of(r, now, "aborted", why));
      return abortWith(r, strategy, why, changed, events, now);
    }
    if (strategy.isLastWave(r.wave())) {
      String summary =
          healthy + " healthy" + (failed > 0 ? ", " + failed + " failed (within budget)" : "");
      Rollout done = r.with(COMPLETE, r.wave(), r.waveStartedAt(), since, summary);
      events.add(
          RolloutEvents.of(done, now, "complete", "revision " + r.revision() + ": " + summary));
      return new Step(done, changed, events, true);
    }
    int wave = r.wave() + 1;
    Rollout next = r.with(PROGRESSING, wave, now, null, null);
    List<RolloutMember> admitted =
        WaveAdmission.admit(next, strategy, wave, targeted, members, now);
    changed.addAll(admitted);
    events.add(RolloutEvents.wave(next, wave, strategy, admitted.size(), now));
    return new Step(next, changed, events, true);
  }

  /** Pauses a progressing rollout. */
  public static Step pause(Rollout r, Instant now) {
    if (!PROGRESSING.equals(r.state())) {
      throw new IllegalStateException("the rollout is " + r.state() + ", not progressing");
    }
    Rollout next = r.with(PAUSED, r.wave(), r.waveStartedAt(), null, "paused by operator");
    return new Step(
        next, List.of(), List.of(RolloutEvents.of(next, now, "paused", "by operator")), false);
  }

  /** Resumes a paused rollout; the bake time of the current wave starts again. */
  public static Step resume(Rollout r, Instant now) {
    if (!PAUSED.equals(r.state())) {
      throw new IllegalStateException("the rollout is " + r.state() + ", not paused");
    }
    Rollout next = r.with(PROGRESSING, r.wave(), r.waveStartedAt(), null, null);
    return new Step(
        next, List.of(), List.of(RolloutEvents.of(next, now, "resumed", "by operator")), false);
  }

  /** Sends the stable revision back to every device, whatever the rollout's state. */
  public static Step rollback(Rollout r, Instant now) {
    if (ROLLEDBACK.equals(r.state())) {
      throw new IllegalStateException("the rollout is already rolled back");
    }
    if (r.stableRevision() <= 0) {
      throw new IllegalStateException(
          "revision " + r.revision() + " has no earlier revision to roll back to");
    }
    String why = "rolled back to revision " + r.stableRevision() + " by operator";
    Rollout next = r.with(ROLLEDBACK, r.wave(), r.waveStartedAt(), null, why);
    return new Step(next, List.of(), List.of(RolloutEvents.of(next, now, "rolledback", why)), true);
  }

  private static Step abort(
      Rollout r,
      RolloutStrategy strategy,
      int failed,
      int updated,
      List<RolloutMember> changed,
      List<RolloutEvent> events,
      Instant now) {
    String why =
        failed
            + " of "
            + updated
            + " updated device(s) failed, above maxFailurePercent "
            + strategy.maxFailurePercent();
    events.add(RolloutEvents.of(r, now, "aborted", why));
    return abortWith(r, strategy, why, changed, events, now);
  }

  private static Step abortWith(
      Rollout r,
      RolloutStrategy strategy,
      String why,
      List<RolloutMember> changed,
      List<RolloutEvent> events,
      Instant now) {
    if (strategy.autoRollback() && r.stableRevision() > 0) {
      String message = why + "; rolled back to revision " + r.stableRevision();
      Rollout next = r.with(ROLLEDBACK, r.wave(), r.waveStartedAt(), null, message);
      events.add(RolloutEvents.of(next, now, "rolledback", "to revision " + r.stableRevision()));
      return new Step(next, changed, events, true);
    }
    String message =
        why
            + (strategy.autoRollback()
                ? "; no earlier revision to roll back to"
                : "; autoRollback is off, updated devices keep revision " + r.revision());
    Rollout next = r.with(FAILED, r.wave(), r.waveStartedAt(), null, message);
    events.add(RolloutEvents.of(next, now, "failed", message));
    return new Step(next, changed, events, false);
  }
}
