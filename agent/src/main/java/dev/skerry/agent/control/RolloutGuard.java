package dev.skerry.agent.control;

import dev.skerry.agent.reconcile.DesiredState;
import dev.skerry.agent.reconcile.LastKnownGood;
import dev.skerry.agent.reconcile.ObservedState;
import dev.skerry.agent.reconcile.Readiness;
import dev.skerry.agent.reconcile.RollbackPolicy;
import dev.skerry.agent.reconcile.RolloutAttempt;
import dev.skerry.agent.reconcile.SpecHash;
import dev.skerry.agent.store.EventLog;
import dev.skerry.agent.store.RollbackStateStore;
import dev.skerry.agent.store.StoreFailure;
import dev.skerry.core.wire.DesiredWorkload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The I/O around {@link RollbackPolicy}: keeps the last-known-good workloads and the rollout
 * attempts (loaded from the store once, written through), runs the policy each pass, and records a
 * workload as last-known-good once it is ready. Reconcile thread only.
 */
final class RolloutGuard {
  private static final Logger LOG = Logger.getLogger(RolloutGuard.class.getName());

  private final RollbackStateStore store;
  private final EventLog events;
  private final RollbackPolicy policy = new RollbackPolicy();
  private final Map<String, LastKnownGood> lastKnownGood;
  private final Map<String, RolloutAttempt> attempts;

  RolloutGuard(RollbackStateStore store, EventLog events) {
    this.store = Objects.requireNonNull(store, "store");
    this.events = Objects.requireNonNull(events, "events");
    this.lastKnownGood = new HashMap<>(store.lastKnownGoods());
    this.attempts = new HashMap<>(store.rolloutAttempts());
  }

  /**
   * Every workload the agent may run this pass: the desired ones and their last-known-good ones (so
   * that their images are looked up and their containers probed).
   */
  List<DesiredWorkload> candidates(DesiredState desired) {
    List<DesiredWorkload> out = new ArrayList<>(desired.workloads());
    for (DesiredWorkload w : desired.workloads()) {
      LastKnownGood good = lastKnownGood.get(w.name());
      if (good != null && good.canRollBackTo() && !good.specHash().equals(SpecHash.of(w.spec()))) {
        out.add(good.desired());
      }
    }
    return out;
  }

  /** Runs the policy on this pass's observation and stores what it decided. */
  RollbackPolicy.Decision decide(DesiredState desired, ObservedState observed, Instant now) {
    Map<String, Readiness> readiness = new HashMap<>();
    desired.workloads().forEach(w -> readiness.put(w.name(), Readiness.of(w, observed, now)));
    RollbackPolicy.Decision d = policy.decide(desired, lastKnownGood, attempts, readiness, now);
    for (RolloutAttempt a : d.save()) {
      attempts.put(a.workload(), a);
      // Waited for: the probation clock must survive a kill -9 from the first action on.
      durably(store.saveRolloutAttempt(a), a.workload());
    }
    for (String workload : d.delete()) {
      attempts.remove(workload);
      durably(store.deleteRolloutAttempt(workload), workload);
    }
    for (RollbackPolicy.RolledBack r : d.rolledBack()) {
      String message =
          "rolled back from revision "
              + r.fromRevision()
              + " to "
              + r.toRevision()
              + ": "
              + r.why();
      LOG.warning(r.workload() + ": " + message);
      events.logEvent(r.workload(), "rollback", message);
    }
    return d;
  }

  /**
   * Records every ready workload of {@code effective} as its last-known-good; returns when the next
   * one that is not ready yet will be (without a health check), if any.
   */
  Optional<Instant> remember(DesiredState effective, ObservedState observed, Instant now) {
    Instant next = null;
    for (DesiredWorkload w : effective.workloads()) {
      Readiness r = Readiness.of(w, observed, now);
      if (!r.ready()) {
        if (r.readyAt() != null && (next == null || r.readyAt().isBefore(next))) {
          next = r.readyAt();
        }
        continue;
      }
      String hash = SpecHash.of(w.spec());
      LastKnownGood known = lastKnownGood.get(w.name());
      if (known == null || !known.specHash().equals(hash) || !known.canRollBackTo()) {
        LastKnownGood good = new LastKnownGood(w.name(), w.revision(), hash, now, w);
        lastKnownGood.put(w.name(), good);
        store.saveLastKnownGood(good);
        LOG.info(w.name() + ": revision " + w.revision() + " is ready: last-known-good");
      }
    }
    return Optional.ofNullable(next);
  }

  private static void durably(java.util.concurrent.CompletableFuture<Void> write, String workload) {
    try {
      write.join();
    } catch (java.util.concurrent.CompletionException | StoreFailure e) {
      LOG.warning(workload + ": cannot store the rollout attempt: " + e.getMessage());
    }
  }
}
