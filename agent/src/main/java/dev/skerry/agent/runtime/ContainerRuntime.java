package dev.skerry.agent.runtime;

import dev.skerry.agent.reconcile.Container;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The port through which the agent runs workloads. {@code ContainerdRuntime} drives containerd's
 * gRPC API; {@code FakeRuntime} (tests) keeps containers in memory.
 *
 * <p>Every method blocks until done and must be called from a worker thread, never from a Vert.x
 * event loop. Failures are {@link RuntimeFailure}s of one of two kinds: {@link TransientFailure} (a
 * retry can help) or {@link PermanentFailure} (it cannot).
 */
public interface ContainerRuntime extends AutoCloseable {

  /**
   * Makes the image available locally (pulled, verified, unpacked) and returns what it resolved to.
   * Returns at once if it is already present; concurrent calls for one reference share one pull,
   * and each caller's {@code progress} is told that pull's progress.
   */
  ResolvedImage ensureImage(String reference, PullProgress progress);

  /** The image if it is already present locally, without any network access, else null. */
  ResolvedImage findImage(String reference);

  /** Every container in the agent's namespace that carries Skerry labels, with its task. */
  List<Container> list();

  /** Creates the container and its task and starts it. */
  void createAndStart(ContainerSpec spec);

  /** Starts a new task for an existing container whose task has exited. */
  void restart(String containerId);

  /** SIGTERM, then SIGKILL after {@code grace}; returns when the task has exited. */
  void stop(String containerId, Duration grace);

  /** Stops the task if needed and removes the task, the container and its snapshot. */
  void remove(String containerId);

  /**
   * Image garbage collection: if the image file system is fuller than the configured threshold,
   * deletes images that neither {@code keepReferences} (the desired workloads' images) nor any
   * container names, oldest first, until it is below the threshold. Returns the names deleted.
   */
  default List<String> collectImages(Set<String> keepReferences) {
    return List.of();
  }

  /** Every named volume on this box with its size and use; none for a runtime without volumes. */
  default List<VolumeUsage> volumes() {
    return List.of();
  }

  /**
   * Unmounts and deletes a named volume and its data.
   *
   * @throws TransientFailure {@code VolumeBusy} while a container has it mounted
   */
  default void deleteVolume(String name) {
    throw new PermanentFailure("NotSupported", "this runtime keeps no volumes");
  }

  /** Registers a listener for task exits (from the event stream); called on a runtime thread. */
  void onExit(Consumer<ExitEvent> listener);

  @Override
  void close();

  /** Progress of a pull: bytes done out of total (total may grow as manifests are read). */
  @FunctionalInterface
  interface PullProgress {
    PullProgress NONE = (done, total) -> {};

    void update(long bytesDone, long bytesTotal);
  }
}
