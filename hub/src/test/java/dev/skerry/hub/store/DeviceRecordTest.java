package dev.skerry.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceRecordTest {
  @Test
  void effectiveLabelsAreReportedOnesOverlaidByTheOperatorsOnes() {
    DeviceRecord d =
        DeviceRecord.firstSeen("d1", java.time.Instant.EPOCH)
            .withOperatorLabels(Map.of("site", "south", "owner", "ops"));
    DeviceRecord reported =
        new DeviceRecord(
            "d1",
            Map.of("site", "north", "arch", "arm64"),
            d.operatorLabels(),
            true,
            null,
            null,
            0,
            0,
            0,
            null);

    assertThat(reported.effectiveLabels())
        .isEqualTo(Map.of("site", "south", "arch", "arm64", "owner", "ops"));
  }
}
