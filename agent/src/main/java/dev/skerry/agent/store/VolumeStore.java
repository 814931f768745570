package dev.skerry.agent.store;

import dev.skerry.agent.volume.VolumeRecord;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The named volumes the agent knows and when a workload last named each (their retention). */
public interface VolumeStore {

  /** Every record, by volume name. */
  Map<String, VolumeRecord> volumes();

  /** Inserts or replaces the record of {@code volume.name()}. */
  CompletableFuture<Void> saveVolume(VolumeRecord volume);

  CompletableFuture<Void> deleteVolume(String name);
}
