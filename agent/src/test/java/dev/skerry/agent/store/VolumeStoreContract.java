package dev.skerry.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.volume.VolumeRecord;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link VolumeStore} must have; run against SQLite and in-memory. */
abstract class VolumeStoreContract extends StoreContract {

  private VolumeStore store() {
    return stores.volumes();
  }

  @Test
  void startsWithoutVolumes() {
    assertThat(store().volumes()).isEmpty();
  }

  @Test
  void aSavedRecordReplacesTheOldOneAndADeletedOneIsGone() {
    VolumeRecord data = new VolumeRecord("data", T0, T0);
    store().saveVolume(data).join();
    store().saveVolume(new VolumeRecord("logs", T0, T0)).join();
    store().saveVolume(data.wantedAt(T0.plusSeconds(60))).join();

    assertThat(store().volumes())
        .containsOnlyKeys("data", "logs")
        .containsEntry("data", new VolumeRecord("data", T0, T0.plusSeconds(60)));

    store().deleteVolume("logs").join();
    assertThat(store().volumes()).containsOnlyKeys("data");
  }
}
