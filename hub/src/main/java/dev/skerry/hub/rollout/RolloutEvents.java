package dev.skerry.hub.rollout;

import dev.skerry.core.spec.RolloutStrategy;
import java.time.Instant;

/** The operator's record of a rollout's transitions: what each event says. Pure. */
final class RolloutEvents {
  private RolloutEvents() {}

  static RolloutEvent wave(Rollout r, int wave, RolloutStrategy strategy, int added, Instant now) {
    return of(
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

  static RolloutEvent of(Rollout r, Instant at, String kind, String msg) {
    return new RolloutEvent(r.name(), r.revision(), at, kind, msg);
  }
}
