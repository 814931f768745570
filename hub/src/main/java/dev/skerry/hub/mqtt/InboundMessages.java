package dev.skerry.hub.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes device messages and hands them on. Anything refused (oversized, malformed, an unknown
 * protocol version, for another device, not valid for its schema) is counted by kind and logged
 * once per kind at WARN (then at DEBUG), never thrown: an exception in Paho's callback would drop
 * the connection, and a broken device must not flood the log.
 */
public final class InboundMessages {
  /** The largest payload the hub reads. */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);
  private static final ObjectMapper JSON = WireJson.mapper();

  public static final String OVERSIZED = "oversized";
  public static final String MALFORMED = "malformed";
  public static final String VERSION = "unsupported-version";
  public static final String WRONG_DEVICE = "wrong-device";
  public static final String SCHEMA = "schema-invalid";
  public static final String REVOKED = "revoked";

  private final InboundHandler handler;
  private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();

  private final java.util.function.Predicate<String> revoked;

  public InboundMessages(InboundHandler handler) {
    this(handler, id -> false);
  }

  /** Drops (and counts) messages of devices {@code revoked} says are revoked. */
  public InboundMessages(InboundHandler handler, java.util.function.Predicate<String> revoked) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.revoked = Objects.requireNonNull(revoked, "revoked");
  }

  /** Runs on the MQTT client's callback thread. */
  public void accept(String topic, byte[] payload) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      refuse(OVERSIZED, topic, payload.length + " bytes, above " + MAX_PAYLOAD_BYTES + " bytes");
      return;
    }
    if (payload.length == 0) {
      return; // a cleared retained message
    }
    String deviceId = Topics.deviceIdOf(topic);
    if (deviceId != null && revoked.test(deviceId)) {
      refuse(REVOKED, topic, "device " + deviceId + " is revoked");
      return;
    }
    try {
      if (deviceId != null && topic.equals(Topics.reported(deviceId))) {
        StatusReport report = JSON.readValue(payload, StatusReport.class);
        check(topic, deviceId, report.v(), report.deviceId());
        handler.onReport(report, new String(payload, StandardCharsets.UTF_8));
      } else if (deviceId != null && topic.equals(Topics.presence(deviceId))) {
        Presence presence = JSON.readValue(payload, Presence.class);
        check(topic, deviceId, presence.v(), presence.deviceId());
        if (presence.state() == null) {
          throw new Refused(SCHEMA, "a presence needs a state");
        }
        handler.onPresence(presence);
      } else if (deviceId != null && topic.equals(Topics.events(deviceId))) {
        Event event = JSON.readValue(payload, Event.class);
        check(topic, deviceId, event.v(), event.deviceId());
        if (event.seq() < 1 || event.kind() == null || event.message() == null) {
          throw new Refused(SCHEMA, "an event needs seq >= 1, kind and message");
        }
        handler.onEvent(event);
      } else {
        throw new IllegalArgumentException("not a topic the hub reads");
      }
    } catch (Refused e) {
      refuse(e.kind, topic, e.getMessage());
    } catch (java.io.IOException | RuntimeException e) {
      refuse(MALFORMED, topic, firstLine(e.getMessage()));
    }
  }

  private void refuse(String kind, String topic, String why) {
    long n = refused.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    if (n == 1) {
      LOG.warn(
          "Dropped a message on {} ({}): {}; further ones are logged at DEBUG", topic, kind, why);
    } else {
      LOG.debug("Dropped a message on {} ({}): {}", topic, kind, why);
    }
  }

  /** A message refused for a reason of {@code kind}. */
  private static final class Refused extends RuntimeException {
    final String kind;

    Refused(String kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }
  }

  private static void check(String topic, String deviceId, int v, String payloadDeviceId) {
    if (v != Topics.PROTOCOL_VERSION) {
      throw new Refused(VERSION, "protocol version v=" + v + " is not supported");
    }
    if (!deviceId.equals(payloadDeviceId)) {
      throw new Refused(
          WRONG_DEVICE, "deviceId '" + payloadDeviceId + "' does not match the topic " + topic);
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** Messages dropped because they could not be read or used (every kind but oversized). */
  public long malformedCount() {
    return refused.entrySet().stream()
        .filter(e -> !e.getKey().equals(OVERSIZED))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  /** Messages dropped because they were above {@link #MAX_PAYLOAD_BYTES}. */
  public long oversizedCount() {
    return refusedCount(OVERSIZED);
  }

  /** Messages dropped for one kind of reason: {@code oversized}, {@code malformed}, ... */
  public long refusedCount(String kind) {
    AtomicLong n = refused.get(kind);
    return n == null ? 0 : n.get();
  }

  /** Every kind refused so far with its count. */
  public Map<String, Long> refusedCounts() {
    Map<String, Long> out = new java.util.TreeMap<>();
    refused.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
