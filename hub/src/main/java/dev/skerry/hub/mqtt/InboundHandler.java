package dev.skerry.hub.mqtt;

import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.StatusReport;

/** What the hub does with a well-formed message from a device. */
public interface InboundHandler {
  void onPresence(Presence presence);

  /**
   * @param json the report as received, kept as the device's last report
   */
  void onReport(StatusReport report, String json);

  /** A device event; runs on the MQTT callback thread, before the message is acknowledged. */
  default void onEvent(Event event) {}
}
