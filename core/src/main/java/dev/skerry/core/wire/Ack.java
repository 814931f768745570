package dev.skerry.core.wire;

/**
 * The hub's acknowledgement of a device's events, retained on {@code skerry/v1/devices/{id}/ack}:
 * every event up to {@code eventsThrough} is stored (or was dropped by the agent); the agent may
 * forget them. Retained, so a reconnecting agent learns the newest one at once.
 */
public record Ack(int v, String deviceId, long eventsThrough) {}
