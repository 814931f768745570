package dev.skerry.agent.app;

import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.store.DesiredStateStore;
import dev.skerry.agent.store.RollbackStateStore;
import dev.skerry.agent.store.StoredDesired;
import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs the runtime's image GC every {@link #PERIOD} on its own thread ({@code skerry-image-gc}),
 * keeping the images of the stored desired workloads and of their last-known-good revisions.
 * Without a readable desired document it deletes nothing: images the hub may still want are not
 * ours to judge.
 */
final class ImageGcSchedule implements AutoCloseable {
  static final Duration FIRST = Duration.ofMinutes(1);
  static final Duration PERIOD = Duration.ofMinutes(5);
  private static final Logger LOG = Logger.getLogger(ImageGcSchedule.class.getName());
  private final ContainerRuntime runtime;
  private final DesiredStateStore desired;
  private final RollbackStateStore rollback;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("skerry-image-gc", true));

  private ImageGcSchedule(
      ContainerRuntime runtime, DesiredStateStore desired, RollbackStateStore rollback) {
    this.runtime = runtime;
    this.desired = desired;
    this.rollback = rollback;
  }

  static ImageGcSchedule start(
      ContainerRuntime runtime, DesiredStateStore desired, RollbackStateStore rollback) {
    ImageGcSchedule gc = new ImageGcSchedule(runtime, desired, rollback);
    gc.thread.scheduleWithFixedDelay(
        gc::runOnce, FIRST.toSeconds(), PERIOD.toSeconds(), TimeUnit.SECONDS);
    return gc;
  }

  private void runOnce() {
    Optional<Set<String>> keep =
        desiredImages(desired.desired()).map(images -> withRollbackTargets(images, rollback));
    if (keep.isEmpty()) {
      return;
    }
    try {
      List<String> deleted = runtime.collectImages(keep.get());
      if (!deleted.isEmpty()) {
        LOG.info("image GC deleted " + deleted.size() + " unused image(s): " + deleted);
      }
    } catch (RuntimeException e) {
      LOG.warning("image GC failed: " + e.getMessage());
    }
  }

  /**
   * The images plus those of every workload's last-known-good revision: a local rollback must not
   * need the network to fetch the image it goes back to.
   */
  static Set<String> withRollbackTargets(Set<String> images, RollbackStateStore store) {
    Set<String> keep = new LinkedHashSet<>(images);
    store
        .lastKnownGoods()
        .values()
        .forEach(
            good -> {
              if (good.canRollBackTo()) {
                keep.add(good.desired().spec().image());
              }
            });
    return keep;
  }

  /** The images of the desired workloads; empty when there is no readable desired document. */
  static Optional<Set<String>> desiredImages(Optional<StoredDesired> stored) {
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      DesiredDocument doc =
          WireJson.mapper().readValue(stored.get().document(), DesiredDocument.class);
      Set<String> images = new LinkedHashSet<>();
      for (DesiredWorkload w : doc.workloads()) {
        images.add(w.spec().image());
      }
      return Optional.of(images);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
