package dev.skerry.agent.store;

import java.time.Instant;

/**
 * The newest revision of a workload that was seen running, kept for a later local rollback.
 *
 * @param revision the deployment revision of the workload
 * @param specHash the spec hash of the container that ran
 */
public record LastKnownGood(String workload, long revision, String specHash, Instant recordedAt) {}
