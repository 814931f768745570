package dev.skerry.agent.control;

import dev.skerry.agent.reconcile.DesiredState;
import dev.skerry.agent.store.DesiredStateStore;
import dev.skerry.agent.store.StoredDesired;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads the desired state from the store, parsing the stored bytes only when the revision changed.
 * If stored bytes cannot be parsed (they were validated before storing, so only a bug or a damaged
 * disk does that) the last good state is kept: acting on "nothing" would remove every workload.
 */
final class DesiredLoader {
  private static final Logger LOG = Logger.getLogger(DesiredLoader.class.getName());
  private final DesiredStateStore store;
  private DesiredState current = DesiredState.NONE;

  DesiredLoader(DesiredStateStore store) {
    this.store = store;
  }

  /** Reconcile thread. */
  DesiredState load() {
    Optional<StoredDesired> stored = store.desired();
    if (stored.isEmpty() || stored.get().revision() == current.revision()) {
      return current;
    }
    try {
      DesiredDocument doc =
          WireJson.mapper().readValue(stored.get().document(), DesiredDocument.class);
      current = new DesiredState(stored.get().revision(), doc.workloads());
    } catch (IOException | RuntimeException e) {
      LOG.severe(
          "stored desired document revision "
              + stored.get().revision()
              + " cannot be read, keeping revision "
              + current.revision()
              + ": "
              + e);
    }
    return current;
  }
}
