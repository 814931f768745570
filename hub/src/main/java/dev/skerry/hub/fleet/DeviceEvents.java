package dev.skerry.hub.fleet;

import dev.skerry.core.wire.Event;
import dev.skerry.hub.store.DeviceEvent;
import dev.skerry.hub.store.EventReceipt;
import dev.skerry.hub.store.HubStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;

/**
 * Device events: each stored once (by device and number), then acknowledged with the highest
 * contiguous number. {@link #onEvent} runs on the MQTT callback thread and stores before it
 * returns, so the broker's PUBACK follows the write; the hub's ack follows the PUBACK.
 */
public final class DeviceEvents {
  private final HubStore store;
  private final ObjLongConsumer<String> acknowledge;
  private final Clock clock;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  /**
   * @param acknowledge told the device and its new contiguous number after each event
   */
  public DeviceEvents(HubStore store, ObjLongConsumer<String> acknowledge, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.acknowledge = Objects.requireNonNull(acknowledge, "acknowledge");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void onEvent(Event e) {
    EventReceipt receipt =
        store.recordEvent(
            new DeviceEvent(
                e.deviceId(),
                e.seq(),
                e.at(),
                e.workload(),
                e.kind(),
                e.message(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS)),
            e.droppedThrough());
    (receipt.stored() ? stored : duplicates).incrementAndGet();
    acknowledge.accept(e.deviceId(), receipt.contiguous());
  }

  /** A report said the device dropped every unstored event up to {@code droppedThrough}. */
  public void onDropped(String deviceId, long droppedThrough) {
    if (droppedThrough > 0) {
      acknowledge.accept(deviceId, store.skipEventsThrough(deviceId, droppedThrough));
    }
  }

  /** The device's newest events, newest first. */
  public List<DeviceEvent> recent(String deviceId, int limit) {
    return store.events(deviceId, limit);
  }

  /** Events stored since start. */
  public long storedCount() {
    return stored.get();
  }

  /** Events received again and dropped since start. */
  public long duplicateCount() {
    return duplicates.get();
  }
}
