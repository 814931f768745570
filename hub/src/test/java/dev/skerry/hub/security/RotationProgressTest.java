package dev.skerry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.security.SigningKeyStore.DeviceRotation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationProgressTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private final DeviceRotation waiting = new DeviceRotation("a", 5, Optional.empty());
  private final DeviceRotation done = new DeviceRotation("b", 2, Optional.of(T));

  @Test
  void aDeviceReportingTheTransitionalRevisionOrLaterHasAcknowledged() {
    assertThat(RotationProgress.newlyAcked(List.of(waiting, done), Map.of("a", 5L, "b", 9L)))
        .containsExactly("a");
    assertThat(RotationProgress.newlyAcked(List.of(waiting), Map.of("a", 4L))).isEmpty();
    assertThat(RotationProgress.newlyAcked(List.of(waiting), Map.of())).isEmpty();
  }

  @Test
  void theOldKeyIsDueWhenEveryDeviceAcknowledgedOrTheGraceIsOver() {
    assertThat(RotationProgress.due(List.of(done), T.plusSeconds(60), T)).isTrue();
    assertThat(RotationProgress.due(List.of(waiting, done), T.plusSeconds(60), T)).isFalse();
    assertThat(RotationProgress.due(List.of(waiting), T, T)).isTrue();
    assertThat(RotationProgress.due(List.of(), T.plusSeconds(60), T)).isTrue();
    assertThat(RotationProgress.pending(List.of(waiting, done))).isEqualTo(1);
  }
}
