package dev.skerry.hub.mqtt;

import dev.skerry.core.wire.Command;
import dev.skerry.core.wire.CommandResponse;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request/response to devices over MQTT 5: a {@link Command} goes out on the device's {@code
 * commands} topic with its {@code responses} topic as the response topic, a fresh correlation id,
 * and a message expiry equal to the timeout (a device that comes back later does not act on it).
 * The answer completes the caller's future; no answer within the timeout fails it with a {@link
 * TimeoutException}. Any thread.
 */
public final class CommandClient {
  private static final Logger LOG = LoggerFactory.getLogger(CommandClient.class);

  /** Sends a request; {@link HubMqttLink#request} in production. */
  @FunctionalInterface
  public interface Sender {
    void send(String topic, byte[] payload, String responseTopic, byte[] correlation, long expiry);
  }

  private final Sender sender;
  private final Clock clock;
  private final Map<String, CompletableFuture<CommandResponse>> pending = new ConcurrentHashMap<>();

  public CommandClient(Sender sender, Clock clock) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Sends {@code name} for {@code workload} to the device and waits up to {@code timeout}. */
  public CompletableFuture<CommandResponse> call(
      String deviceId, String name, String workload, Integer tail, Duration timeout) {
    String id = UUID.randomUUID().toString();
    CompletableFuture<CommandResponse> answer = new CompletableFuture<>();
    pending.put(id, answer);
    answer
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, e) -> pending.remove(id));
    try {
      byte[] payload =
          WireJson.mapper()
              .writeValueAsBytes(
                  new Command(
                      Topics.PROTOCOL_VERSION,
                      deviceId,
                      id,
                      name,
                      workload,
                      tail,
                      clock.instant()));
      sender.send(
          Topics.commands(deviceId),
          payload,
          Topics.responses(deviceId),
          id.getBytes(StandardCharsets.UTF_8),
          Math.max(1, timeout.toSeconds()));
    } catch (IOException | RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }

  /** An answer arrived (MQTT callback thread); unknown or late ones are dropped. */
  public void onResponse(byte[] correlation, byte[] payload) {
    if (correlation == null) {
      LOG.debug("A command answer without correlation data was dropped");
      return;
    }
    CompletableFuture<CommandResponse> f =
        pending.remove(new String(correlation, StandardCharsets.UTF_8));
    if (f == null) {
      LOG.debug("A late or unknown command answer was dropped");
      return;
    }
    try {
      f.complete(WireJson.mapper().readValue(payload, CommandResponse.class));
    } catch (IOException e) {
      f.completeExceptionally(new IllegalArgumentException("malformed answer: " + e.getMessage()));
    }
  }

  /** Requests waiting for an answer. */
  public int pendingCount() {
    return pending.size();
  }
}
