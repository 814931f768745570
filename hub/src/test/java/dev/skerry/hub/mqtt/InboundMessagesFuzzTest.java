package dev.skerry.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.Topics;
import dev.skerry.testsupport.fuzz.Fuzz;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated device messages on each topic the hub reads: {@link InboundMessages#accept} never throws
 * (it drops and counts), and whatever it hands on names the device of its topic.
 */
class InboundMessagesFuzzTest {
  static final String REPORT =
      "{\"v\":1,\"deviceId\":\"pi-1\",\"seq\":7,\"at\":\"2026-12-01T10:00:00Z\","
          + "\"agentVersion\":\"1.0\",\"labels\":{\"arch\":\"arm64\"},\"desiredRevision\":3,"
          + "\"appliedRevision\":3,\"workloads\":[{\"name\":\"web\",\"deployment\":\"web\","
          + "\"image\":\"nginx:1.27\",\"imageDigest\":\"sha256:00\",\"state\":\"running\","
          + "\"restarts\":0,\"health\":\"healthy\",\"message\":\"\"}],\"eventsDropped\":0}";
  static final String PRESENCE =
      "{\"v\":1,\"deviceId\":\"pi-1\",\"state\":\"online\",\"epoch\":2,"
          + "\"at\":\"2026-12-01T10:00:00Z\"}";
  static final String EVENT =
      "{\"v\":1,\"deviceId\":\"pi-1\",\"seq\":4,\"at\":\"2026-12-01T10:00:00Z\","
          + "\"workload\":\"web\",\"kind\":\"started\",\"message\":\"started web.r3\"}";

  @Test
  @Timeout(120)
  void dropsMutatedMessagesOnEveryTopicWithoutThrowing() {
    AtomicLong delivered = new AtomicLong();
    InboundMessages inbound =
        new InboundMessages(
            new InboundHandler() {
              @Override
              public void onPresence(Presence presence) {
                assertThat(presence.deviceId()).isEqualTo("pi-1");
                assertThat(presence.state()).isNotNull();
                delivered.incrementAndGet();
              }

              @Override
              public void onReport(StatusReport report, String json) {
                assertThat(report.deviceId()).isEqualTo("pi-1");
                report.workloads().forEach(w -> assertThat(w).isNotNull());
                delivered.incrementAndGet();
              }

              @Override
              public void onEvent(Event event) {
                assertThat(event.deviceId()).isEqualTo("pi-1");
                assertThat(event.kind()).isNotNull();
                delivered.incrementAndGet();
              }
            });
    // Reports are the largest payload and the slowest to read: fewer of them.
    Map<String, Integer> topics =
        Map.of(
            Topics.reported("pi-1"),
            6_000,
            Topics.presence("pi-1"),
            20_000,
            Topics.events("pi-1"),
            20_000);
    for (var topic : topics.entrySet()) {
      Fuzz.parser("hub inbound " + topic.getKey())
          .seeds(REPORT, PRESENCE, EVENT)
          .allowing() // accept() drops bad messages itself: nothing may escape
          .inputs(topic.getValue())
          .run(payload -> inbound.accept(topic.getKey(), payload));
    }

    assertThat(inbound.malformedCount()).isPositive();
    assertThat(delivered.get()).isPositive();
  }
}
