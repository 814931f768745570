package dev.skerry.hub.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * The newest rollout of a deployment, as the rollout decisions see it (the store keeps it as its
 * own row record; {@link RolloutRecords} maps between the two).
 *
 * @param revision the deployment revision being rolled out
 * @param stableRevision the revision devices outside the rollout keep (and go back to on rollback);
 *     0 when the deployment had no earlier revision
 * @param state one of {@link RolloutStates}: progressing | paused | complete | failed | rolledback
 * @param wave index of the current wave in the strategy's wave list
 * @param waveStartedAt when the current wave began
 * @param settledSince since when every device of the rollout so far has been settled (healthy, or
 *     failed within the failure budget); null while some are still updating. Bake time counts from
 *     here.
 * @param message why the rollout is in its state (the abort reason, for example); null if nothing
 *     to say
 */
public record Rollout(
    String name,
    long revision,
    long stableRevision,
    String state,
    int wave,
    Instant waveStartedAt,
    Instant settledSince,
    Instant startedAt,
    Instant updatedAt,
    String message) {
  public Rollout {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(waveStartedAt, "waveStartedAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** This rollout moved to another state, wave or settling time. */
  Rollout with(
      String state, int wave, Instant waveStartedAt, Instant settledSince, String message) {
    return new Rollout(
        name,
        revision,
        stableRevision,
        state,
        wave,
        waveStartedAt,
        settledSince,
        startedAt,
        updatedAt,
        message);
  }

  /** This rollout as written at {@code at}. */
  Rollout updatedAt(Instant at) {
    return new Rollout(
        name,
        revision,
        stableRevision,
        state,
        wave,
        waveStartedAt,
        settledSince,
        startedAt,
        at,
        message);
  }
}
