package dev.skerry.agent.volume;

import java.time.Instant;
import java.util.Objects;

/**
 * What the agent remembers of a named volume: when a desired workload last named it. The clock of
 * its retention starts when no desired workload (nor a rollback target) names it any more.
 *
 * @param lastWantedAt the last time a desired workload or rollback target named it
 */
public record VolumeRecord(String name, Instant firstSeenAt, Instant lastWantedAt) {
  public VolumeRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    Objects.requireNonNull(lastWantedAt, "lastWantedAt");
  }

  public VolumeRecord wantedAt(Instant now) {
    return new VolumeRecord(name, firstSeenAt, now);
  }
}
