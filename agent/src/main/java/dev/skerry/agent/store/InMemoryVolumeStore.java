package dev.skerry.agent.store;

import dev.skerry.agent.volume.VolumeRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link VolumeStore} in memory, for tests. Thread-safe; futures complete at once. */
public final class InMemoryVolumeStore implements VolumeStore {
  private final Map<String, VolumeRecord> volumes = new HashMap<>();

  @Override
  public synchronized Map<String, VolumeRecord> volumes() {
    return Map.copyOf(volumes);
  }

  @Override
  public synchronized CompletableFuture<Void> saveVolume(VolumeRecord volume) {
    volumes.put(volume.name(), volume);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> deleteVolume(String name) {
    volumes.remove(name);
    return CompletableFuture.completedFuture(null);
  }
}
