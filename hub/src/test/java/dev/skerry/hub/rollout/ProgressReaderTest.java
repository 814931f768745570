package dev.skerry.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.proto.msg.StatusReport;
import dev.skerry.proto.msg.WorkloadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressReaderTest {
  private static WorkloadStatus web(long revision, String state, Boolean ready, Long failed) {
    return new WorkloadStatus(
        "web", "shop", revision, "img", null, state, 0, "unknown", null, null, ready, failed);
  }

  private static StatusReport report(WorkloadStatus... workloads) {
    return new StatusReport(1, "d1", 1, Instant.EPOCH, "1", Map.of(), 3, 3, List.of(workloads));
  }

  @Test
  void aDeviceIsHealthyWhenEveryWorkloadRunsTheRevisionAndIsReady() {
    assertThat(
            ProgressReader.read(report(web(2, "running", true, null)), "shop", 2, List.of("web")))
        .isEqualTo(Progress.healthy());
  }

  @Test
  void aWorkloadOnAnotherRevisionOrNotReadyIsStillUpdating() {
    Progress old =
        ProgressReader.read(report(web(1, "running", true, null)), "shop", 2, List.of("web"));
    Progress notReady =
        ProgressReader.read(report(web(2, "running", false, null)), "shop", 2, List.of("web"));

    assertThat(old.kind()).isEqualTo(Progress.Kind.UPDATING);
    assertThat(old.taken()).isFalse();
    assertThat(notReady.kind()).isEqualTo(Progress.Kind.UPDATING);
    assertThat(notReady.taken()).isTrue();
    assertThat(notReady.message()).isEqualTo("workload web is running");
  }

  @Test
  void aWorkloadTheDeviceRolledBackFromMakesTheDeviceFailed() {
    Progress p =
        ProgressReader.read(report(web(1, "running", true, 2L)), "shop", 2, List.of("web"));

    assertThat(p.kind()).isEqualTo(Progress.Kind.FAILED);
    assertThat(p.message()).startsWith("workload web rolled back on the device");
  }

  @Test
  void aMissingWorkloadOrNoReportIsUpdating() {
    assertThat(ProgressReader.read(report(), "shop", 2, List.of("web")).kind())
        .isEqualTo(Progress.Kind.UPDATING);
    assertThat(ProgressReader.read(null, "shop", 2, List.of("web")).taken()).isFalse();
  }

  @Test
  void anAgentThatDoesNotSayReadyCountsARunningHealthyWorkload() {
    assertThat(
            ProgressReader.read(report(web(2, "running", null, null)), "shop", 2, List.of("web")))
        .isEqualTo(Progress.healthy());
  }
}
