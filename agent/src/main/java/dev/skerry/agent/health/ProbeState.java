package dev.skerry.agent.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The pure decision of a probe: given its settings, the container's start time and the results so
 * far, what is the health and when is the next probe due. Immutable; {@link #record} returns the
 * next state, so a caller keeps constant memory however long a container runs.
 *
 * <p>Rules (a kubelet's, with an explicit unknown): unknown until the initial delay has passed and
 * a verdict is reached; unhealthy after {@code failureThreshold} consecutive failures; healthy
 * after {@code successThreshold} consecutive successes; otherwise the previous verdict stands, so
 * one failure does not make a healthy container unhealthy. The period is counted from the end of
 * the previous probe, so a slow probe never overlaps the next one.
 */
public final class ProbeState {
  private final ProbeSettings settings;
  private final Instant startedAt;
  private final Health health;
  private final int successes;
  private final int failures;
  private final ProbeResult last;

  private ProbeState(
      ProbeSettings settings,
      Instant startedAt,
      Health health,
      int successes,
      int failures,
      ProbeResult last) {
    this.settings = settings;
    this.startedAt = startedAt;
    this.health = health;
    this.successes = successes;
    this.failures = failures;
    this.last = last;
  }

  /** The state of a container that started at {@code startedAt} and has no results yet. */
  public static ProbeState initial(ProbeSettings settings, Instant startedAt) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(startedAt, "startedAt");
    return new ProbeState(settings, startedAt, Health.UNKNOWN, 0, 0, null);
  }

  /** The verdict after {@code history} (oldest first), as seen at {@code now}. */
  public static ProbeVerdict evaluate(
      ProbeSettings settings, Instant startedAt, List<ProbeResult> history, Instant now) {
    ProbeState state = initial(settings, startedAt);
    for (ProbeResult result : history) {
      state = state.record(result);
    }
    return state.verdict(now);
  }

  /**
   * The state after one more result. A result from before the initial delay had passed does not
   * count: the container was not expected to answer yet.
   */
  public ProbeState record(ProbeResult result) {
    Objects.requireNonNull(result, "result");
    if (result.at().isBefore(firstProbeAt())) {
      return this;
    }
    int s = result.success() ? saturatedIncrement(successes) : 0;
    int f = result.success() ? 0 : saturatedIncrement(failures);
    Health h = health;
    if (f >= settings.failureThreshold()) {
      h = Health.UNHEALTHY;
    } else if (s >= settings.successThreshold()) {
      h = Health.HEALTHY;
    }
    return new ProbeState(settings, startedAt, h, s, f, result);
  }

  /** The health at {@code now}: unknown during the initial delay whatever was recorded. */
  public Health health(Instant now) {
    return now.isBefore(firstProbeAt()) ? Health.UNKNOWN : health;
  }

  /** When the next probe is due: after the initial delay, then a period after each result. */
  public Instant nextProbeAt() {
    return last == null ? firstProbeAt() : last.at().plus(settings.period());
  }

  /**
   * How long to wait at {@code now} before the next probe: never negative, and never longer than
   * the longest legitimate wait (initial delay or period), because wall clocks on boxes without a
   * real-time clock can step backwards when NTP first syncs, and a probe must not stall for that.
   */
  public Duration delayUntilNextProbe(Instant now) {
    Duration wait = Duration.between(now, nextProbeAt());
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    Duration longest = last == null ? settings.initialDelay() : settings.period();
    return wait.compareTo(longest) > 0 ? longest : wait;
  }

  /** Health, reason and next due time at {@code now}. */
  public ProbeVerdict verdict(Instant now) {
    return new ProbeVerdict(health(now), message(now), nextProbeAt());
  }

  /** The most recent counted result, or {@code null} before the first. */
  public ProbeResult lastResult() {
    return last;
  }

  private String message(Instant now) {
    if (now.isBefore(firstProbeAt())) {
      return "initial delay until " + firstProbeAt();
    }
    if (last == null) {
      return "no probe result yet";
    }
    if (last.success()) {
      return health == Health.HEALTHY
          ? last.message()
          : "success " + successes + " of " + settings.successThreshold() + ": " + last.message();
    }
    if (health == Health.UNHEALTHY) {
      return failures + " consecutive failures, last: " + last.message();
    }
    return "failure " + failures + " of " + settings.failureThreshold() + ": " + last.message();
  }

  private Instant firstProbeAt() {
    return startedAt.plus(settings.initialDelay());
  }

  private static int saturatedIncrement(int n) {
    return n == Integer.MAX_VALUE ? n : n + 1;
  }
}
