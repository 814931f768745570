package dev.skerry.agent.sync;

import dev.skerry.agent.security.DesiredAuthenticity;
import dev.skerry.agent.security.DesiredAuthenticity.Authentic;
import dev.skerry.agent.security.DesiredAuthenticity.Duplicate;
import dev.skerry.agent.security.DesiredAuthenticity.Held;
import dev.skerry.agent.security.DesiredAuthenticity.Refused;
import dev.skerry.agent.security.PinnedSigningKeys;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.DesiredStateStore;
import dev.skerry.agent.sync.DesiredDocumentCheck.Accepted;
import dev.skerry.agent.sync.DesiredDocumentCheck.Rejected;
import dev.skerry.core.identity.Fingerprints;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Takes a received desired document: checks its signature (unless built without pinned keys, the
 * {@code --insecure-unsigned-desired} mode), checks it, drops it unless its revision is newer than
 * the stored one, stores its exact bytes, and only then says it may be acknowledged and triggers a
 * reconcile. Never blocks: it is called on a Paho callback thread.
 */
public final class DesiredIntake {
  private static final Logger LOG = Logger.getLogger(DesiredIntake.class.getName());

  /** What became of a document; all three may be acknowledged to the broker. */
  public enum Outcome {
    STORED,
    STALE,
    REJECTED
  }

  private final DesiredDocumentCheck check;
  private final DesiredStateStore store;
  private final Runnable onStored;
  private final SyncMetrics metrics;
  private final AtomicLong storedRevision;
  private final String topic;
  private final Refusals refusals;
  private final DesiredAuthenticity authenticity;
  private final PinnedSigningKeys keys;
  private volatile Held held;

  /** Acting on unsigned documents (the insecure mode); for tests of the document rules. */
  public DesiredIntake(
      String deviceId, AgentStores stores, Runnable onStored, SyncMetrics metrics) {
    this(deviceId, stores.desired(), onStored, metrics, new Refusals(stores.events()));
  }

  /**
   * Refused documents go to {@code refusals}: counted, logged once per kind, answered by an event.
   */
  public DesiredIntake(
      String deviceId,
      DesiredStateStore store,
      Runnable onStored,
      SyncMetrics metrics,
      Refusals refusals) {
    this(deviceId, store, onStored, metrics, refusals, null);
  }

  /**
   * Verifying every document against {@code keys} before anything else; {@code keys} null acts on
   * unsigned documents (the loudly logged {@code --insecure-unsigned-desired} mode).
   */
  public DesiredIntake(
      String deviceId,
      DesiredStateStore store,
      Runnable onStored,
      SyncMetrics metrics,
      Refusals refusals,
      PinnedSigningKeys keys) {
    this.keys = keys;
    this.authenticity = keys == null ? null : new DesiredAuthenticity(deviceId);
    this.check = new DesiredDocumentCheck(deviceId);
    this.topic = dev.skerry.core.wire.Topics.desired(deviceId);
    this.refusals = Objects.requireNonNull(refusals, "refusals");
    this.store = Objects.requireNonNull(store, "store");
    this.onStored = Objects.requireNonNull(onStored, "onStored");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.storedRevision = new AtomicLong(store.desired().map(d -> d.revision()).orElse(0L));
    this.held =
        store
            .desired()
            .map(d -> new Held(d.revision(), Fingerprints.sha256Hex(d.document())))
            .orElse(Held.NOTHING);
  }

  /** An unsigned document (as in the insecure mode). */
  public CompletableFuture<Outcome> accept(byte[] payload) {
    return accept(payload, null);
  }

  /**
   * Completes once the outcome is durable; fails (do not acknowledge) if the store failed, so the
   * broker delivers the document again.
   */
  public CompletableFuture<Outcome> accept(byte[] payload, String signature) {
    DesiredAuthenticity.Verdict authentic = null;
    if (authenticity != null) {
      authentic = authenticity.check(payload, signature, keys.current(), held);
      if (authentic instanceof Refused r) {
        metrics.rejected.incrementAndGet();
        refusals.refused(topic, "desired document", r.reason());
        return CompletableFuture.completedFuture(Outcome.REJECTED);
      }
      if (authentic instanceof Duplicate) {
        metrics.stale.incrementAndGet();
        return CompletableFuture.completedFuture(Outcome.STALE);
      }
    }
    DesiredDocumentCheck.Verdict verdict = check.check(payload);
    if (verdict instanceof Rejected r) {
      metrics.rejected.incrementAndGet();
      refusals.refused(topic, "desired document", r.reason());
      return CompletableFuture.completedFuture(Outcome.REJECTED);
    }
    long revision = ((Accepted) verdict).document().revision();
    if (revision <= storedRevision.get()) {
      metrics.stale.incrementAndGet();
      LOG.fine(() -> "desired revision " + revision + " is not newer, dropped");
      return CompletableFuture.completedFuture(Outcome.STALE);
    }
    Authentic verified = authentic instanceof Authentic a ? a : null;
    if (verified != null && verified.signingKeys() != null) {
      // Pinned before the document is stored: a crash in between leaves the new pins (which
      // include the key that signed this document) and an unacknowledged document the broker
      // delivers again; the other order could report the revision applied with the old pins only,
      // and the hub would then sign with a key this device never pinned.
      try {
        keys.replace(verified.signingKeys());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return store
        .replaceSignedDesired(revision, payload, signature)
        .thenApply(
            stored -> {
              if (!stored) {
                metrics.stale.incrementAndGet();
                return Outcome.STALE;
              }
              storedRevision.accumulateAndGet(revision, Math::max);
              held = new Held(revision, Fingerprints.sha256Hex(payload));
              metrics.stored.incrementAndGet();
              LOG.info("stored desired revision " + revision);
              onStored.run();
              return Outcome.STORED;
            });
  }
}
