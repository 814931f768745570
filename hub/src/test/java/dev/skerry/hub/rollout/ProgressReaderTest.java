package dev.skerry.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.WorkloadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            ProgressReader.read(
                report(web(2, "running", true, null)), "shop", 2, List.of("web"), Set.of()))
        .isEqualTo(Progress.healthy());
  }

  @Test
  void aWorkloadOnAnotherRevisionOrNotReadyIsStillUpdating() {
    Progress old =
        ProgressReader.read(
            report(web(1, "running", true, null)), "shop", 2, List.of("web"), Set.of());
    Progress notReady =
        ProgressReader.read(
            report(web(2, "running", false, null)), "shop", 2, List.of("web"), Set.of());

    assertThat(old.kind()).isEqualTo(Progress.Kind.UPDATING);
    assertThat(old.taken()).isFalse();
    assertThat(notReady.kind()).isEqualTo(Progress.Kind.UPDATING);
    assertThat(notReady.taken()).isTrue();
    assertThat(notReady.message()).isEqualTo("workload web is running");
  }

  @Test
  void aWorkloadTheDeviceRolledBackFromMakesTheDeviceFailed() {
    Progress p =
        ProgressReader.read(
            report(web(1, "running", true, 2L)), "shop", 2, List.of("web"), Set.of());

    assertThat(p.kind()).isEqualTo(Progress.Kind.FAILED);
    assertThat(p.message()).startsWith("workload web rolled back on the device");
  }

  @Test
  void aMissingWorkloadOrNoReportIsUpdating() {
    assertThat(ProgressReader.read(report(), "shop", 2, List.of("web"), Set.of()).kind())
        .isEqualTo(Progress.Kind.UPDATING);
    assertThat(ProgressReader.read(null, "shop", 2, List.of("web"), Set.of()).taken()).isFalse();
  }

  @Test
  void anAgentThatDoesNotSayReadyNeedsAPassingHealthCheckWhereThereIsOne() {
    WorkloadStatus unknown =
        new WorkloadStatus(
            "web", "shop", 2, "img", null, "running", 0, "unknown", null, null, null, null);
    WorkloadStatus healthy =
        new WorkloadStatus(
            "web", "shop", 2, "img", null, "running", 0, "healthy", null, null, null, null);

    assertThat(
            ProgressReader.read(report(unknown), "shop", 2, List.of("web"), Set.of("web")).kind())
        .isEqualTo(Progress.Kind.UPDATING);
    assertThat(ProgressReader.read(report(healthy), "shop", 2, List.of("web"), Set.of("web")))
        .isEqualTo(Progress.healthy());
  }

  @Test
  void anAgentThatDoesNotSayReadyCountsARunningHealthyWorkload() {
    assertThat(
            ProgressReader.read(
                report(web(2, "running", null, null)), "shop", 2, List.of("web"), Set.of()))
        .isEqualTo(Progress.healthy());
  }
}
