package dev.skerry.agent.store;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link DesiredStateStore} in memory, for tests. Thread-safe; futures complete at once. */
public final class InMemoryDesiredStateStore implements DesiredStateStore {
  private final Clock clock;
  private StoredDesired desired;
  private String signature;

  public InMemoryDesiredStateStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<StoredDesired> desired() {
    return Optional.ofNullable(desired);
  }

  @Override
  public synchronized CompletableFuture<Boolean> replaceDesired(long revision, byte[] document) {
    if (desired != null && revision <= desired.revision()) {
      return CompletableFuture.completedFuture(false);
    }
    desired = new StoredDesired(revision, document, clock.instant());
    signature = null;
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletableFuture<Boolean> replaceSignedDesired(
      long revision, byte[] document, String signature) {
    boolean stored = replaceDesired(revision, document).join();
    if (stored) {
      this.signature = signature;
    }
    return CompletableFuture.completedFuture(stored);
  }

  @Override
  public synchronized Optional<String> desiredSignature() {
    return desired == null ? Optional.empty() : Optional.ofNullable(signature);
  }
}
