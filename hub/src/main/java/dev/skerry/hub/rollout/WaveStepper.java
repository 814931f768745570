package dev.skerry.hub.rollout;

import static dev.skerry.hub.rollout.RolloutStates.COMPLETE;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_FAILED;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_HEALTHY;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_PENDING;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_UPDATING;
import static dev.skerry.hub.rollout.RolloutStates.FAILED;
import static dev.skerry.hub.rollout.RolloutStates.PAUSED;
import static dev.skerry.hub.rollout.RolloutStates.PROGRESSING;
import static dev.skerry.hub.rollout.RolloutStates.ROLLEDBACK;

import dev.skerry.core.spec.RolloutStrategy;
import dev.skerry.hub.store.RolloutDeviceRecord;
import dev.skerry.hub.store.RolloutEventRecord;
import dev.skerry.hub.store.RolloutRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
      RolloutRecord rollout,
      List<RolloutDeviceRecord> changed,
      List<RolloutEventRecord> events,
      boolean recompose) {}

  private WaveStepper() {}

  /** Starts a rollout of {@code revision} and takes the first wave in. */
  public static Step start(
      String name,
      long revision,
      long stableRevision,
      RolloutStrategy strategy,
      List<Candidate> targeted,
      Instant now) {
    RolloutRecord r =
        new RolloutRecord(
            name, revision, stableRevision, PROGRESSING, 0, now, null, now, now, null);
    List<RolloutEventRecord> events = new ArrayList<>();
    events.add(
        event(
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
      RolloutRecord done = with(r, COMPLETE, 0, now, null, "no device is targeted");
      events.add(event(done, now, "complete", "no device is targeted"));
      return new Step(done, List.of(), events, true);
    }
    List<RolloutDeviceRecord> admitted = admit(r, strategy, 0, targeted, Map.of(), now);
    events.add(waveEvent(r, 0, strategy, admitted.size(), now));
    return new Step(r, admitted, events, true);
  }

  /** One evaluation of an active rollout against the devices' latest reports. */
  public static Step step(
      RolloutRecord r,
      RolloutStrategy strategy,
      List<Candidate> targeted,
      Map<String, RolloutDeviceRecord> members,
      Instant now) {
    if (ROLLEDBACK.equals(r.state())) {
      return new Step(r, List.of(), List.of(), false);
    }
    List<RolloutEventRecord> events = new ArrayList<>();
    List<RolloutDeviceRecord> changed = new ArrayList<>();
    Duration deadline = Duration.ofSeconds(strategy.progressDeadlineSeconds());
    int updated = 0;
    int healthy = 0;
    int failed = 0;
    int updating = 0;
    for (Candidate c : targeted) {
      RolloutDeviceRecord m = members.get(c.id());
      if (m == null) {
        continue;
      }
      RolloutDeviceRecord next = follow(m, c, deadline, now);
      if (!next.equals(m)) {
        changed.add(next);
        if (DEVICE_FAILED.equals(next.status()) && !DEVICE_FAILED.equals(m.status())) {
          events.add(event(r, now, "device-failed", c.id() + ": " + next.message()));
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
      RolloutRecord done = with(r, COMPLETE, r.wave(), r.waveStartedAt(), null, null);
      events.add(event(done, now, "complete", "no device is targeted any more"));
      return new Step(done, changed, events, true);
    }
    // Devices that joined the selector during the last wave take the revision being finished;
    // during earlier waves they keep the stable one (the current good revision) like the others.
    List<RolloutDeviceRecord> joined =
        strategy.isLastWave(r.wave())
            ? admit(r, strategy, r.wave(), targeted, members, now)
            : List.of();
    if (!joined.isEmpty()) {
      changed.addAll(joined);
      events.add(
          event(
              r,
              now,
              "wave",
              "wave " + (r.wave() + 1) + ": " + joined.size() + " newly targeted device(s) join"));
      RolloutRecord next = with(r, r.state(), r.wave(), r.waveStartedAt(), null, r.message());
      return new Step(next, changed, events, true);
    }
    // Settled: nobody still updating, and not only offline devices (they may never come back).
    boolean settled = updating == 0 && healthy + failed > 0;
    if (!settled) {
      RolloutRecord next =
          r.settledSince() == null
              ? r
              : with(r, r.state(), r.wave(), r.waveStartedAt(), null, null);
      return new Step(next, changed, events, false);
    }
    Instant since = r.settledSince() == null ? now : r.settledSince();
    if (now.isBefore(since.plusSeconds(strategy.bakeSeconds()))) {
      RolloutRecord next = with(r, r.state(), r.wave(), r.waveStartedAt(), since, r.message());
      return new Step(next, changed, events, false);
    }
    if (healthy == 0) {
      String why = "every updated device failed (" + failed + ")";
      events.add(event(r, now, "aborted", why));
      return abortWith(r, strategy, why, changed, events, now);
    }
    if (strategy.isLastWave(r.wave())) {
      String summary =
          healthy + " healthy" + (failed > 0 ? ", " + failed + " failed (within budget)" : "");
      RolloutRecord done = with(r, COMPLETE, r.wave(), r.waveStartedAt(), since, summary);
      events.add(event(done, now, "complete", "revision " + r.revision() + ": " + summary));
      return new Step(done, changed, events, true);
    }
    int wave = r.wave() + 1;
    RolloutRecord next = with(r, PROGRESSING, wave, now, null, null);
    List<RolloutDeviceRecord> admitted = admit(next, strategy, wave, targeted, members, now);
    changed.addAll(admitted);
    events.add(waveEvent(next, wave, strategy, admitted.size(), now));
    return new Step(next, changed, events, true);
  }

  /** Pauses a progressing rollout. */
  public static Step pause(RolloutRecord r, Instant now) {
    if (!PROGRESSING.equals(r.state())) {
      throw new IllegalStateException("the rollout is " + r.state() + ", not progressing");
    }
    RolloutRecord next = with(r, PAUSED, r.wave(), r.waveStartedAt(), null, "paused by operator");
    return new Step(next, List.of(), List.of(event(next, now, "paused", "by operator")), false);
  }

  /** Resumes a paused rollout; the bake time of the current wave starts again. */
  public static Step resume(RolloutRecord r, Instant now) {
    if (!PAUSED.equals(r.state())) {
      throw new IllegalStateException("the rollout is " + r.state() + ", not paused");
    }
    RolloutRecord next = with(r, PROGRESSING, r.wave(), r.waveStartedAt(), null, null);
    return new Step(next, List.of(), List.of(event(next, now, "resumed", "by operator")), false);
  }

  /** Sends the stable revision back to every device, whatever the rollout's state. */
  public static Step rollback(RolloutRecord r, Instant now) {
    if (ROLLEDBACK.equals(r.state())) {
      throw new IllegalStateException("the rollout is already rolled back");
    }
    if (r.stableRevision() <= 0) {
      throw new IllegalStateException(
          "revision " + r.revision() + " has no earlier revision to roll back to");
    }
    String why = "rolled back to revision " + r.stableRevision() + " by operator";
    RolloutRecord next = with(r, ROLLEDBACK, r.wave(), r.waveStartedAt(), null, why);
    return new Step(next, List.of(), List.of(event(next, now, "rolledback", why)), true);
  }

  /** A member's status after seeing its device's progress. */
  static RolloutDeviceRecord follow(
      RolloutDeviceRecord m, Candidate c, Duration deadline, Instant now) {
    if (DEVICE_FAILED.equals(m.status())) {
      return m; // failed for this rollout for good
    }
    Progress p = c.progress();
    return switch (p.kind()) {
      case FAILED -> status(m, DEVICE_FAILED, now, p.message());
      case HEALTHY -> status(m, DEVICE_HEALTHY, now, null);
      case UPDATING -> {
        if (!c.online() && !p.taken()) {
          yield status(m, DEVICE_PENDING, now, "offline; takes the revision when it returns");
        }
        RolloutDeviceRecord u = status(m, DEVICE_UPDATING, now, p.message());
        if (now.isAfter(u.since().plus(deadline))) {
          yield status(
              u,
              DEVICE_FAILED,
              now,
              "not healthy within "
                  + deadline.toSeconds()
                  + " s"
                  + (p.message() == null ? "" : ": " + p.message()));
        }
        yield u;
      }
    };
  }

  /** The member in {@code status}; {@code since} moves only when the status changes. */
  private static RolloutDeviceRecord status(
      RolloutDeviceRecord m, String status, Instant now, String message) {
    Instant since = status.equals(m.status()) ? m.since() : now;
    return new RolloutDeviceRecord(
        m.name(), m.deviceId(), m.revision(), m.wave(), m.assignedAt(), status, since, message);
  }

  private static Step abort(
      RolloutRecord r,
      RolloutStrategy strategy,
      int failed,
      int updated,
      List<RolloutDeviceRecord> changed,
      List<RolloutEventRecord> events,
      Instant now) {
    String why =
        failed
            + " of "
            + updated
            + " updated device(s) failed, above maxFailurePercent "
            + strategy.maxFailurePercent();
    events.add(event(r, now, "aborted", why));
    return abortWith(r, strategy, why, changed, events, now);
  }

  private static Step abortWith(
      RolloutRecord r,
      RolloutStrategy strategy,
      String why,
      List<RolloutDeviceRecord> changed,
      List<RolloutEventRecord> events,
      Instant now) {
    if (strategy.autoRollback() && r.stableRevision() > 0) {
      String message = why + "; rolled back to revision " + r.stableRevision();
      RolloutRecord next = with(r, ROLLEDBACK, r.wave(), r.waveStartedAt(), null, message);
      events.add(event(next, now, "rolledback", "to revision " + r.stableRevision()));
      return new Step(next, changed, events, true);
    }
    String message =
        why
            + (strategy.autoRollback()
                ? "; no earlier revision to roll back to"
                : "; autoRollback is off, updated devices keep revision " + r.revision());
    RolloutRecord next = with(r, FAILED, r.wave(), r.waveStartedAt(), null, message);
    events.add(event(next, now, "failed", message));
    return new Step(next, changed, events, false);
  }

  /**
   * The devices wave {@code wave} adds (or, in the last wave, the newly targeted devices): enough
   * to reach its percentage of the targeted devices (at least one), online devices first, then in
   * an order fixed by a hash of deployment, revision and device id, so the same fleet always gives
   * the same waves.
   */
  static List<RolloutDeviceRecord> admit(
      RolloutRecord r,
      RolloutStrategy strategy,
      int wave,
      List<Candidate> targeted,
      Map<String, RolloutDeviceRecord> members,
      Instant now) {
    int want =
        (int) Math.max(1, Math.ceil(strategy.waves().get(wave) * (double) targeted.size() / 100.0));
    long have = targeted.stream().filter(c -> members.containsKey(c.id())).count();
    return targeted.stream()
        .filter(c -> !members.containsKey(c.id()))
        .sorted(
            Comparator.comparing((Candidate c) -> !c.online())
                .thenComparing(c -> order(r.name(), r.revision(), c.id())))
        .limit(Math.max(0, want - have))
        .map(
            c ->
                new RolloutDeviceRecord(
                    r.name(),
                    c.id(),
                    r.revision(),
                    wave,
                    now,
                    c.online() ? DEVICE_UPDATING : DEVICE_PENDING,
                    now,
                    c.online() ? null : "offline; takes the revision when it returns"))
        .toList();
  }

  static String order(String name, long revision, String id) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          md.digest((name + "\n" + revision + "\n" + id).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RolloutEventRecord waveEvent(
      RolloutRecord r, int wave, RolloutStrategy strategy, int added, Instant now) {
    return event(
        r,
        now,
        "wave",
        "wave "
            + (wave + 1)
            + " of "
            + strategy.waves().size()
            + " ("
            + strategy.waves().get(wave)
            + " %): "
            + added
            + " more device(s) get revision "
            + r.revision());
  }

  private static RolloutEventRecord event(RolloutRecord r, Instant at, String kind, String msg) {
    return new RolloutEventRecord(0, r.name(), r.revision(), at, kind, msg);
  }

  private static RolloutRecord with(
      RolloutRecord r,
      String state,
      int wave,
      Instant waveStartedAt,
      Instant settledSince,
      String message) {
    return new RolloutRecord(
        r.name(),
        r.revision(),
        r.stableRevision(),
        state,
        wave,
        waveStartedAt,
        settledSince,
        r.startedAt(),
        r.updatedAt(),
        message);
  }
}
