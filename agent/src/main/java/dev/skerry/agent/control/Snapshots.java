package dev.skerry.agent.control;

import dev.skerry.agent.control.Reconciler.Snapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last pass's {@link Snapshot}, readable from any thread, and the listeners told when it
 * changes (on the reconcile thread, which alone publishes).
 */
final class Snapshots {
  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot current = Snapshot.INITIAL;

  void onChange(Runnable listener) {
    listeners.add(listener);
  }

  Snapshot current() {
    return current;
  }

  /** Reconcile thread: keeps {@code next} and tells the listeners if it differs. */
  void publish(Snapshot next) {
    Snapshot previous = current;
    current = next;
    if (!next.equals(previous)) {
      for (Runnable l : listeners) {
        try {
          l.run();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "status listener failed", e);
        }
      }
    }
  }
}
