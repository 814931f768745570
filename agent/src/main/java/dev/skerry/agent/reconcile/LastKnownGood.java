package dev.skerry.agent.reconcile;

import dev.skerry.core.wire.DesiredWorkload;
import java.time.Instant;
import java.util.Objects;

/**
 * The newest revision of a workload that was seen ready, kept so that the agent can go back to it
 * on its own when an update does not become ready.
 *
 * @param revision the deployment revision of the workload
 * @param specHash the spec hash of the container that was ready
 * @param desired the whole desired workload that was ready, so it can run again without the hub;
 *     null for a row written before schema V2 (nothing to roll back to yet)
 */
public record LastKnownGood(
    String workload, long revision, String specHash, Instant recordedAt, DesiredWorkload desired) {
  public LastKnownGood {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(specHash, "specHash");
  }

  /** Whether the agent can run this revision again on its own. */
  public boolean canRollBackTo() {
    return desired != null;
  }
}
