package dev.skerry.hub.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.proto.msg.Presence;
import dev.skerry.proto.msg.StatusReport;
import dev.skerry.proto.msg.Topics;
import dev.skerry.proto.msg.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes device messages and hands them on. Anything malformed or oversized is counted and logged,
 * never thrown: an exception in Paho's callback would drop the connection.
 */
public final class InboundMessages {
  /** The largest payload the hub reads. */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);
  private static final ObjectMapper JSON = WireJson.mapper();

  private final InboundHandler handler;
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong oversized = new AtomicLong();

  public InboundMessages(InboundHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** Runs on the MQTT client's callback thread. */
  public void accept(String topic, byte[] payload) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      oversized.incrementAndGet();
      LOG.warn("Dropped {} bytes on {}: above {} bytes", payload.length, topic, MAX_PAYLOAD_BYTES);
      return;
    }
    if (payload.length == 0) {
      return; // a cleared retained message
    }
    String deviceId = Topics.deviceIdOf(topic);
    try {
      if (deviceId != null && topic.equals(Topics.reported(deviceId))) {
        StatusReport report = JSON.readValue(payload, StatusReport.class);
        check(topic, deviceId, report.v(), report.deviceId());
        handler.onReport(report, new String(payload, StandardCharsets.UTF_8));
      } else if (deviceId != null && topic.equals(Topics.presence(deviceId))) {
        Presence presence = JSON.readValue(payload, Presence.class);
        check(topic, deviceId, presence.v(), presence.deviceId());
        if (presence.state() == null) {
          throw new IllegalArgumentException("no state");
        }
        handler.onPresence(presence);
      } else {
        throw new IllegalArgumentException("not a topic the hub reads");
      }
    } catch (java.io.IOException | RuntimeException e) {
      malformed.incrementAndGet();
      LOG.warn("Dropped malformed message on {}: {}", topic, firstLine(e.getMessage()));
    }
  }

  private static void check(String topic, String deviceId, int v, String payloadDeviceId) {
    if (v != Topics.PROTOCOL_VERSION) {
      throw new IllegalArgumentException("protocol version " + v + " is not supported");
    }
    if (!deviceId.equals(payloadDeviceId)) {
      throw new IllegalArgumentException(
          "deviceId '" + payloadDeviceId + "' does not match the topic " + topic);
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** Messages dropped because they could not be read. */
  public long malformedCount() {
    return malformed.get();
  }

  /** Messages dropped because they were above {@link #MAX_PAYLOAD_BYTES}. */
  public long oversizedCount() {
    return oversized.get();
  }
}
