package dev.skerry.hub.deploy;

import dev.skerry.core.concurrent.RunsOn;

/** Sends a device its desired document (retained, QoS 1). Implemented by the MQTT link. */
public interface DesiredPublisher {
  /**
   * Publishes and waits for the broker's PUBACK (up to a timeout, 10 s on the MQTT link), so the
   * caller is blocked meanwhile: not for an event loop. Does not throw: a document that cannot be
   * sent (link down, timeout) is logged, and {@link Recomposer#republishAll()} sends every stored
   * document again when the link (re)connects. The document is already stored before this call, so
   * nothing is lost in between.
   */
  @RunsOn("skerry-hub-control")
  void publishDesired(String deviceId, byte[] documentJson);
}
