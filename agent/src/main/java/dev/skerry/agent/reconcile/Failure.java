package dev.skerry.agent.reconcile;

import java.time.Instant;

/**
 * The last failed attempt to act on a workload, kept in memory: it becomes the workload's status
 * and delays the next attempt ({@link Backoff}). It applies only while the desired spec hash is
 * still {@code specHash}; a new spec is tried at once.
 *
 * @param attempts failed attempts in a row for this spec
 */
public record Failure(
    String workload,
    String specHash,
    String reason,
    String message,
    boolean retryable,
    int attempts,
    Instant at) {

  /** When the next attempt may run. Non-retryable failures wait the longest delay. */
  public Instant retryAt() {
    return at.plus(retryable ? Backoff.delay(attempts - 1) : Backoff.MAX);
  }
}
