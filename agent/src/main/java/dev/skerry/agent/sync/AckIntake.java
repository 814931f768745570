package dev.skerry.agent.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.wire.Ack;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.util.Objects;

/**
 * Reads the hub's acknowledgements ({@link Ack}) and hands the number on to the {@link
 * OutboxSender}. A message that is not a valid ack for this device is refused. Paho thread; never
 * blocks.
 */
public final class AckIntake {
  /** An ack is a few dozen bytes; anything past this is not one. */
  static final int MAX_BYTES = 4096;

  private final String deviceId;
  private final OutboxSender sender;
  private final Refusals refusals;
  private final SyncMetrics metrics;

  public AckIntake(String deviceId, OutboxSender sender, Refusals refusals, SyncMetrics metrics) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.refusals = Objects.requireNonNull(refusals, "refusals");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  public void accept(byte[] payload) {
    if (payload.length == 0) {
      return; // a cleared retained ack
    }
    String problem = problem(payload);
    if (problem != null) {
      refusals.refused(Topics.ack(deviceId), "ack", problem);
      return;
    }
    try {
      Ack ack = WireJson.mapper().readValue(payload, Ack.class);
      metrics.acksReceived.incrementAndGet();
      sender.hubAcked(ack.eventsThrough());
    } catch (IOException e) {
      refusals.refused(Topics.ack(deviceId), "ack", "malformed: " + e.getMessage());
    }
  }

  /** Why the payload is not a usable ack, or null. Pure. */
  String problem(byte[] payload) {
    if (payload.length > MAX_BYTES) {
      return "oversized: " + payload.length + " bytes > " + MAX_BYTES;
    }
    JsonNode tree;
    try {
      tree = WireJson.mapper().readTree(payload);
    } catch (IOException e) {
      return "malformed JSON";
    }
    if (tree == null || !tree.isObject() || !tree.path("v").isInt()) {
      return "malformed: no protocol version 'v'";
    }
    if (tree.get("v").intValue() != Topics.PROTOCOL_VERSION) {
      return "unsupported protocol version v=" + tree.get("v").intValue();
    }
    if (!deviceId.equals(tree.path("deviceId").asText())) {
      return "for device '" + tree.path("deviceId").asText() + "', not this one";
    }
    if (!tree.path("eventsThrough").canConvertToLong() || tree.get("eventsThrough").asLong() < 0) {
      return "malformed: no eventsThrough";
    }
    return null;
  }
}
