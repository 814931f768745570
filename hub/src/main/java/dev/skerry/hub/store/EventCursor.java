package dev.skerry.hub.store;

import java.util.List;

/**
 * Where a device's event sequence stands on the hub: every event up to {@code contiguous} is stored
 * or was dropped by the agent; every one up to {@code floor} that is not stored was dropped and
 * will never come. Pure.
 */
public record EventCursor(long contiguous, long floor) {
  public static final EventCursor START = new EventCursor(0, 0);

  /**
   * The cursor after learning a new floor and the stored numbers above the current position.
   *
   * @param storedAbove the stored numbers greater than {@code max(contiguous, floor)}, ascending
   */
  public EventCursor advance(long newFloor, List<Long> storedAbove) {
    long f = Math.max(floor, newFloor);
    long c = Math.max(contiguous, f);
    for (long seq : storedAbove) {
      if (seq <= c) {
        continue;
      }
      if (seq != c + 1) {
        break;
      }
      c = seq;
    }
    return new EventCursor(c, f);
  }
}
