package dev.skerry.hub.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.core.wire.Ack;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Acknowledges device events: one {@link Ack} per device at most every {@code delay}, carrying the
 * newest contiguous number, so that a replay of thousands of events costs a few dozen acks. Also
 * acknowledges when nothing advanced (a duplicate): the device may have missed the last ack. Any
 * thread; publishes on its own thread.
 */
public final class AckSender implements AutoCloseable {
  private final BiConsumer<String, byte[]> publish;
  private final Duration delay;
  private final Map<String, Long> latest = new ConcurrentHashMap<>();
  private final Map<String, Boolean> scheduled = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("skerry-hub-acks", true));

  /**
   * @param publish publishes an ack payload for a device (retained, QoS 1), without blocking long
   */
  public AckSender(BiConsumer<String, byte[]> publish, Duration delay) {
    this.publish = Objects.requireNonNull(publish, "publish");
    this.delay = Objects.requireNonNull(delay, "delay");
  }

  /** Every event of {@code deviceId} up to {@code through} is stored (or dropped by it). */
  public void advanced(String deviceId, long through) {
    latest.merge(deviceId, through, Math::max);
    if (scheduled.putIfAbsent(deviceId, Boolean.TRUE) == null) {
      try {
        timer.schedule(() -> send(deviceId), delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closing
      }
    }
  }

  private void send(String deviceId) {
    scheduled.remove(deviceId);
    long through = latest.get(deviceId);
    try {
      publish.accept(
          deviceId,
          WireJson.mapper().writeValueAsBytes(new Ack(Topics.PROTOCOL_VERSION, deviceId, through)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
