package dev.skerry.agent.app;

import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.RuntimeFailure;
import dev.skerry.agent.runtime.VolumeUsage;
import dev.skerry.agent.store.DesiredStateStore;
import dev.skerry.agent.store.RollbackStateStore;
import dev.skerry.agent.store.StoredDesired;
import dev.skerry.agent.store.VolumeStore;
import dev.skerry.agent.volume.VolumeGc;
import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Deletes named volumes that no desired workload and no rollback target has named for the retention
 * time ({@code --volume-retention-days}), once an hour on its own thread ({@code
 * skerry-volume-gc}); the decision is {@link VolumeGc}'s. Without a readable desired document it
 * deletes nothing. A volume still mounted by a container stays until a later run.
 */
final class VolumeGcSchedule implements AutoCloseable {
  static final Duration FIRST = Duration.ofMinutes(2);
  static final Duration PERIOD = Duration.ofHours(1);
  private static final Logger LOG = Logger.getLogger(VolumeGcSchedule.class.getName());
  private final ContainerRuntime runtime;
  private final DesiredStateStore desired;
  private final RollbackStateStore rollback;
  private final VolumeStore store;
  private final Duration retention;
  private final Clock clock;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("skerry-volume-gc", true));

  VolumeGcSchedule(
      ContainerRuntime runtime,
      DesiredStateStore desired,
      RollbackStateStore rollback,
      VolumeStore store,
      Duration retention,
      Clock clock) {
    this.runtime = runtime;
    this.desired = desired;
    this.rollback = rollback;
    this.store = store;
    this.retention = retention;
    this.clock = clock;
  }

  VolumeGcSchedule start() {
    thread.scheduleWithFixedDelay(
        this::runOnceLogged, FIRST.toSeconds(), PERIOD.toSeconds(), TimeUnit.SECONDS);
    return this;
  }

  private void runOnceLogged() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warning("volume GC failed: " + e.getMessage());
    }
  }

  /** One pass; returns the volumes deleted. */
  Set<String> runOnce() {
    Optional<Set<String>> wanted = wantedVolumes(desired.desired(), rollback);
    if (wanted.isEmpty()) {
      return Set.of();
    }
    Set<String> onDisk =
        runtime.volumes().stream().map(VolumeUsage::name).collect(Collectors.toSet());
    VolumeGc.Decision d =
        VolumeGc.decide(onDisk, store.volumes(), wanted.get(), clock.instant(), retention);
    d.save().forEach(r -> store.saveVolume(r).join());
    d.forget().forEach(n -> store.deleteVolume(n).join());
    Set<String> deleted = new HashSet<>();
    for (String name : d.delete()) {
      try {
        runtime.deleteVolume(name);
        store.deleteVolume(name).join();
        deleted.add(name);
        LOG.info("volume GC deleted volume " + name + ", unused for " + retention.toDays() + "d");
      } catch (RuntimeFailure e) {
        LOG.warning("volume GC kept volume " + name + ": " + e.getMessage());
      }
    }
    return deleted;
  }

  /**
   * The volume names of the desired workloads and of their rollback targets; empty without a
   * readable desired document.
   */
  static Optional<Set<String>> wantedVolumes(
      Optional<StoredDesired> stored, RollbackStateStore rollback) {
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Set<String> names = new HashSet<>();
    try {
      DesiredDocument doc =
          WireJson.mapper().readValue(stored.get().document(), DesiredDocument.class);
      for (DesiredWorkload w : doc.workloads()) {
        add(names, w.spec());
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    rollback
        .lastKnownGoods()
        .values()
        .forEach(
            good -> {
              if (good.canRollBackTo()) {
                add(names, good.desired().spec());
              }
            });
    return Optional.of(names);
  }

  private static void add(Set<String> names, WorkloadSpec spec) {
    spec.volumesOrEmpty().forEach(v -> names.add(v.name()));
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
