package dev.skerry.agent.reconcile;

/**
 * What a workload's status says about its update, from {@link RollbackPolicy}.
 *
 * @param failedRevision the revision the agent gave up on and rolled back from; null when it did
 *     not roll back (only the deadline passed)
 * @param message why, e.g. {@code rolled back from revision 5: not ready within 30 s: unhealthy:
 *     HTTP 500}
 */
public record RolloutNote(Long failedRevision, String message) {}
