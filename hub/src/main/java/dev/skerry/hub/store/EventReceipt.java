package dev.skerry.hub.store;

/**
 * What storing one event did.
 *
 * @param stored false if the hub already had this event (a duplicate or a replay)
 * @param contiguous every event of the device up to this number is stored or was dropped by the
 *     agent: what the hub acknowledges
 */
public record EventReceipt(boolean stored, long contiguous) {}
