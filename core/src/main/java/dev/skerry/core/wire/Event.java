package dev.skerry.core.wire;

import java.time.Instant;

/**
 * Something the agent did or saw (a restart, a health kill, a rollback, a refused message),
 * published on {@code skerry/v1/devices/{id}/events}. Events never coalesce: each has its own
 * {@code seq} in the device's event sequence (1, 2, 3, ... without gaps, never reused), separate
 * from the report sequence, so that the hub can acknowledge the highest contiguous one it stored.
 *
 * @param seq this event's number in the device's event sequence
 * @param workload the workload it concerns, null for the agent itself
 * @param kind a short machine-readable word, e.g. {@code restart}, {@code health-kill}, {@code
 *     rollback}, {@code error}
 * @param droppedThrough every event up to this number that the hub has not stored was dropped by
 *     the agent (its outbox was full) and will never come: the hub may count past it
 */
public record Event(
    int v,
    String deviceId,
    long seq,
    Instant at,
    String workload,
    String kind,
    String message,
    long droppedThrough) {
  /** The kind of the events the agent sends about messages it refused. */
  public static final String ERROR = "error";
}
