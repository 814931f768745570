package dev.skerry.agent.reconcile;

import java.time.Instant;
import java.util.Objects;

/**
 * An update of a workload on probation: a desired spec that differs from the last-known-good one.
 * Persisted, so that an agent restart neither resets its progress deadline nor retries a spec the
 * agent gave up on.
 *
 * @param specHash the spec being tried
 * @param revision the deployment revision that brought it
 * @param startedAt when the agent first acted on it; the progress deadline counts from here
 * @param failedAt when the agent gave up on it and went back to the last-known-good; null while
 *     still on probation
 * @param failure why it gave up, e.g. {@code not ready within 30 s: unhealthy: HTTP 500}; null
 *     while on probation
 */
public record RolloutAttempt(
    String workload,
    String specHash,
    long revision,
    Instant startedAt,
    Instant failedAt,
    String failure) {
  public RolloutAttempt {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(specHash, "specHash");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** A new attempt, started {@code at}. */
  public static RolloutAttempt started(
      String workload, String specHash, long revision, Instant at) {
    return new RolloutAttempt(workload, specHash, revision, at, null, null);
  }

  public boolean failed() {
    return failedAt != null;
  }

  /** This attempt given up on {@code at}, for {@code why}. */
  public RolloutAttempt failed(Instant at, String why) {
    return new RolloutAttempt(workload, specHash, revision, startedAt, at, why);
  }
}
