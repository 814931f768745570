package dev.skerry.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundMessagesTest {
  private final List<Object> received = new ArrayList<>();
  private final InboundMessages inbound =
      new InboundMessages(
          new InboundHandler() {
            @Override
            public void onPresence(Presence presence) {
              received.add(presence);
            }

            @Override
            public void onReport(StatusReport report, String json) {
              received.add(report);
            }
          });

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void handsOnAWellFormedReportAndPresence() {
    inbound.accept(
        Topics.reported("d1"), utf8("{\"v\":1,\"deviceId\":\"d1\",\"seq\":3,\"labels\":{}}"));
    inbound.accept(
        Topics.presence("d1"),
        utf8("{\"v\":1,\"deviceId\":\"d1\",\"state\":\"online\",\"epoch\":1}"));

    assertThat(received).hasSize(2);
    assertThat(inbound.malformedCount()).isZero();
  }

  @Test
  void countsMalformedMessagesWithoutThrowing() {
    inbound.accept(Topics.reported("d1"), utf8("{not json"));
    inbound.accept(Topics.reported("d1"), utf8("{\"v\":1,\"deviceId\":\"other\",\"seq\":1}"));
    inbound.accept(Topics.reported("d1"), utf8("{\"v\":2,\"deviceId\":\"d1\",\"seq\":1}"));
    inbound.accept(Topics.presence("d1"), utf8("{\"v\":1,\"deviceId\":\"d1\"}"));
    inbound.accept(Topics.presence("d1"), utf8("[1,2]"));

    assertThat(received).isEmpty();
    assertThat(inbound.malformedCount()).isEqualTo(5);
  }

  @Test
  void countsOversizedMessagesAndIgnoresClearedRetainedOnes() {
    inbound.accept(Topics.reported("d1"), new byte[InboundMessages.MAX_PAYLOAD_BYTES + 1]);
    inbound.accept(Topics.presence("d1"), new byte[0]);

    assertThat(received).isEmpty();
    assertThat(inbound.oversizedCount()).isEqualTo(1);
    assertThat(inbound.malformedCount()).isZero();
  }
}
