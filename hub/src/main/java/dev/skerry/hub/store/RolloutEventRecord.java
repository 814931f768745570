package dev.skerry.hub.store;

import java.time.Instant;

/**
 * One transition of a rollout, kept for the operator.
 *
 * @param id order of the event, assigned by the store; 0 before it is stored
 * @param kind started | wave | promoted | device-failed | paused | resumed | aborted | rolledback |
 *     complete | failed
 */
public record RolloutEventRecord(
    long id, String name, long revision, Instant at, String kind, String message) {}
