package dev.skerry.agent.runtime;

import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.reconcile.Container.TaskState;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Task exits handed to the agent's listeners: from containerd's event stream ({@link ExitWatcher}),
 * and after the stream broke, from a listing of the tasks that stopped meanwhile (receivers
 * dedupe). OOM events go to the {@link OomTracker}.
 */
final class ExitDispatch implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ExitDispatch.class.getName());
  private final Vertx vertx;
  private final Supplier<List<Container>> list;
  private final List<Consumer<ExitEvent>> listeners = new CopyOnWriteArrayList<>();
  private final ExitWatcher watcher;

  /** {@code list} reads the observed state (on a worker thread) for the resync. */
  ExitDispatch(ContainerdClient client, OomTracker oom, Supplier<List<Container>> list) {
    this.vertx = client.vertx();
    this.list = list;
    this.watcher =
        new ExitWatcher(
            client,
            this::dispatch,
            this::resync,
            id -> {
              LOG.info(() -> "container " + id + " hit its memory limit (OOM kill)");
              oom.record(id);
            });
  }

  /** Starts following the event stream (asynchronously). */
  void start() {
    watcher.start();
  }

  void onExit(Consumer<ExitEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void dispatch(ExitEvent event) {
    for (Consumer<ExitEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "exit listener failed on " + event, e);
      }
    }
  }

  /** After a broken event stream: report tasks that stopped meanwhile (receivers dedupe). */
  private void resync() {
    vertx
        .executeBlocking(
            () -> {
              for (Container c : list.get()) {
                if (c.task() == TaskState.STOPPED && c.exitCode() != null) {
                  dispatch(new ExitEvent(c.id(), c.exitCode(), c.exitedAt()));
                }
              }
              return null;
            },
            false)
        .onFailure(e -> LOG.warning("resync after event stream break failed: " + e.getMessage()));
  }

  @Override
  public void close() {
    watcher.close();
  }
}
