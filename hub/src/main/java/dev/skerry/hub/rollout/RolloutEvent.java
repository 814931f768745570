package dev.skerry.hub.rollout;

import java.time.Instant;

/**
 * One transition of a rollout, kept for the operator.
 *
 * @param kind started | wave | promoted | device-failed | paused | resumed | aborted | rolledback |
 *     complete | failed
 */
public record RolloutEvent(String name, long revision, Instant at, String kind, String message) {}
