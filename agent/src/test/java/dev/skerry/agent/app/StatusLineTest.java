package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.WorkloadStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLineTest {
  private static WorkloadStatus workload(String name, String state) {
    return new WorkloadStatus(name, "d", 1, "img", null, state, 0, "unknown", null, null);
  }

  private final List<WorkloadStatus> three =
      List.of(workload("a", "running"), workload("b", "running"), workload("c", "pulling"));

  @Test
  void saysWhereTheHubLinkStandsAndHowManyWorkloadsRun() {
    assertThat(StatusLine.of(StatusLine.Hub.CONNECTED, true, null, three))
        .isEqualTo("connected to hub, 2 of 3 workloads running");
    assertThat(StatusLine.of(StatusLine.Hub.UNREACHABLE, true, null, three))
        .isEqualTo("hub unreachable, running offline, 2 of 3 workloads running");
    assertThat(StatusLine.of(StatusLine.Hub.OFFLINE_ONLY, true, null, List.of()))
        .isEqualTo("offline-only (no hub), 0 of 0 workloads running");
  }

  @Test
  void beforeTheFirstPassItSaysSoInsteadOfCountingNothing() {
    assertThat(StatusLine.of(StatusLine.Hub.ENROLLING, false, null, List.of()))
        .isEqualTo("enrolling with the hub, first reconcile of the stored desired state");
  }

  @Test
  void aRefusedStoredStateIsNamedWithItsReason() {
    assertThat(StatusLine.of(StatusLine.Hub.NOT_ENROLLED, true, "stored document: forged", three))
        .isEqualTo(
            "enrollment refused, running offline-only, refusing the stored desired state:"
                + " stored document: forged");
  }
}
