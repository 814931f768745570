package dev.skerry.hub.deploy;

/** Sends a device its desired document (retained, QoS 1). Implemented by the MQTT link. */
public interface DesiredPublisher {
  /**
   * Publishes without waiting. A document that cannot be sent now is sent again by {@link
   * Recomposer#republishAll()} when the link comes back.
   */
  void publishDesired(String deviceId, byte[] documentJson);
}
