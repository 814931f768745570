package dev.skerry.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The newest rollout of a deployment, as stored.
 *
 * @param revision the deployment revision being rolled out
 * @param stableRevision the revision devices outside the rollout keep (and go back to on rollback);
 *     0 when the deployment had no earlier revision
 * @param state progressing | paused | complete | failed | rolledback
 * @param wave index of the current wave in the strategy's wave list
 * @param waveStartedAt when the current wave began
 * @param settledSince since when every device of the rollout so far has been settled (healthy, or
 *     failed within the failure budget); null while some are still updating. Bake time counts from
 *     here.
 * @param message why the rollout is in its state (the abort reason, for example); null if nothing
 *     to say
 */
public record RolloutRecord(
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
  public RolloutRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(waveStartedAt, "waveStartedAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
