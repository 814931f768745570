package dev.skerry.agent.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The desired document as received from the hub: the device's source of truth. {@link
 * SqliteDesiredStateStore} keeps it in {@code agent.db}; {@link InMemoryDesiredStateStore} is for
 * tests.
 *
 * <p>Writes complete on the store's writer thread once durable, in submission order; reads may
 * block briefly and must not be called from an event loop.
 */
public interface DesiredStateStore {

  /** The stored desired document, if any. */
  Optional<StoredDesired> desired();

  /**
   * Atomically replaces the desired document if {@code revision} is greater than the stored one.
   * Completes with true if stored, false if dropped as not newer.
   */
  CompletableFuture<Boolean> replaceDesired(long revision, byte[] document);

  /**
   * As {@link #replaceDesired}, storing the document's signature ({@code skerry-sig}, null if
   * unsigned) in the same row, so the document can be verified again at boot.
   */
  CompletableFuture<Boolean> replaceSignedDesired(long revision, byte[] document, String signature);

  /** The signature stored with the desired document; empty if none or unsigned. */
  Optional<String> desiredSignature();
}
