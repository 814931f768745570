package dev.skerry.hub.mqtt;

import dev.skerry.proto.msg.Event;
import dev.skerry.proto.msg.Presence;
import dev.skerry.proto.msg.StatusReport;

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
