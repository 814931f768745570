package dev.skerry.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.VolumeStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
  private final MetricsSnapshot m =
      new MetricsSnapshot(
          12, 0.25, 5, 1, Map.of("running", 3L, "failed", 1L), true, 2, 4, 6, 9, 10, 9);

  @Test
  void rendersCountersGaugesAndEveryWorkloadState() {
    String text = MetricsText.render(m);
    assertThat(text)
        .contains("skerry_agent_reconcile_total 12\n")
        .contains("skerry_agent_reconcile_seconds_total 0.25\n")
        .contains("skerry_agent_workloads{state=\"running\"} 3\n")
        .contains("skerry_agent_workloads{state=\"failed\"} 1\n")
        .contains("skerry_agent_workloads{state=\"pulling\"} 0\n")
        .contains("skerry_agent_mqtt_connected 1\n")
        .contains("skerry_agent_desired_rejected_total 4\n")
        .contains("skerry_agent_desired_revision 10\n")
        .contains("skerry_agent_applied_revision 9\n");
  }

  @Test
  void everySampleHasHelpAndType() {
    String[] lines = MetricsText.render(m).split("\n");
    for (String line : lines) {
      if (!line.startsWith("#")) {
        String name = line.split("[ {]")[0];
        assertThat(lines)
            .contains("# TYPE " + name + (name.endsWith("_total") ? " counter" : " gauge"));
      }
    }
  }

  @Test
  void showsTheSizeAndUseOfEachVolumeAndNoUseForAnUnmountedOne() {
    MetricsSnapshot withVolumes =
        new MetricsSnapshot(
            1,
            0.5,
            2,
            0,
            Map.of(),
            true,
            1,
            0,
            0,
            1,
            3,
            3,
            0,
            0,
            0,
            List.of(
                new VolumeStatus("data", 536870912L, 1048576L), new VolumeStatus("cold", 8, null)));
    String text = MetricsText.render(withVolumes);
    assertThat(text)
        .contains("skerry_agent_volume_size_bytes{volume=\"data\"} 536870912")
        .contains("skerry_agent_volume_used_bytes{volume=\"data\"} 1048576")
        .contains("skerry_agent_volume_size_bytes{volume=\"cold\"} 8")
        .doesNotContain("skerry_agent_volume_used_bytes{volume=\"cold\"}");
    assertThat(MetricsText.render(m)).doesNotContain("skerry_agent_volume");
  }
}
