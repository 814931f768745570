package dev.skerry.hub.cli;

import static dev.skerry.hub.cli.Fixtures.device;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceTableTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void showsOneRowPerDeviceWithRunningOfTotalWorkloadsAndAge() {
    String text =
        DeviceTable.of(List.of(device(Fixtures.PI_01), device(Fixtures.PI_02)), false, NOW)
            .render();

    assertThat(text)
        .isEqualTo(
            """
            ID      ONLINE   LABELS                  DESIRED   APPLIED   WORKLOADS   LAST SEEN
            pi-01   yes      site=berlin,tier=edge   7         6         1/2         5s
            pi-02   no       site=paris              3         3         0/0         3h
            """);
  }

  @Test
  void wideAddsAgentVersionAndTotalRestarts() {
    String text = DeviceTable.of(List.of(device(Fixtures.PI_01)), true, NOW).render();

    assertThat(text.lines().findFirst().orElseThrow()).endsWith("LAST SEEN   AGENT   RESTARTS");
    assertThat(text.lines().skip(1).findFirst().orElseThrow()).endsWith("5s          0.1.0   4");
  }

  @Test
  void marksANewDeviceThatNeverReported() {
    String text = DeviceTable.of(List.of(device("{\"id\":\"new\"}")), true, NOW).render();

    assertThat(text.lines().skip(1).findFirst().orElseThrow())
        .isEqualTo(
            "new   no       <none>   0         0         0/0         <never>     <unknown>   0");
  }
}
