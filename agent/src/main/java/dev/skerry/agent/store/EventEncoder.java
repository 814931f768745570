package dev.skerry.agent.store;

/**
 * Turns a logged event into the bytes the outbox keeps for it. Runs on the store's writer thread,
 * inside the transaction that logs the event, so the event and its outbox entry are stored together
 * or not at all.
 */
@FunctionalInterface
public interface EventEncoder {
  /**
   * @param eventSeq the event's number in the device's event sequence
   * @param droppedThrough the highest event number the outbox dropped so far (0 if none)
   */
  byte[] encode(LocalEvent event, long eventSeq, long droppedThrough);
}
