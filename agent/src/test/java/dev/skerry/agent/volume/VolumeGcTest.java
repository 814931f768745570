package dev.skerry.agent.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VolumeGcTest {
  private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);

  @Test
  void aNamedVolumeIsMarkedWantedNow() {
    VolumeGc.Decision d =
        VolumeGc.decide(
            Set.of("data"),
            Map.of("data", new VolumeRecord("data", NOW.minus(WEEK), NOW.minus(WEEK))),
            Set.of("data"),
            NOW,
            WEEK);
    assertThat(d.save()).containsExactly(new VolumeRecord("data", NOW.minus(WEEK), NOW));
    assertThat(d.delete()).isEmpty();
  }

  @Test
  void anUnnamedVolumeIsKeptForTheRetentionTimeAndDeletedAfter() {
    Map<String, VolumeRecord> records =
        Map.of(
            "young", new VolumeRecord("young", NOW.minus(WEEK), NOW.minus(Duration.ofDays(6))),
            "old", new VolumeRecord("old", NOW.minus(WEEK), NOW.minus(WEEK)));
    VolumeGc.Decision d = VolumeGc.decide(Set.of("young", "old"), records, Set.of(), NOW, WEEK);
    assertThat(d.delete()).containsExactly("old");
    assertThat(d.save()).isEmpty();
  }

  @Test
  void anUnnamedVolumeWithoutARecordStartsItsClockInsteadOfBeingDeleted() {
    VolumeGc.Decision d = VolumeGc.decide(Set.of("found"), Map.of(), Set.of(), NOW, WEEK);
    assertThat(d.save()).containsExactly(new VolumeRecord("found", NOW, NOW));
    assertThat(d.delete()).isEmpty();
  }

  @Test
  void theRecordOfAVolumeGoneFromDiskIsForgotten() {
    VolumeGc.Decision d =
        VolumeGc.decide(
            Set.of(), Map.of("gone", new VolumeRecord("gone", NOW, NOW)), Set.of(), NOW, WEEK);
    assertThat(d.forget()).containsExactly("gone");
  }
}
