package dev.skerry.agent.sync;

import java.util.concurrent.CompletableFuture;

/** The outgoing side of the connection to the hub, as the report publisher needs it. */
public interface HubLink {
  boolean connected();

  /** Publishes without blocking; completes when the broker acknowledged (QoS 1). */
  CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained);

  /** Runs {@code listener} after every successful (re)connect, on a link thread. */
  void onConnected(Runnable listener);
}
