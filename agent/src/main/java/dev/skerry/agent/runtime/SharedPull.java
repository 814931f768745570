package dev.skerry.agent.runtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pull that several {@code ensureImage} callers wait for: its result, and its progress handed
 * to every caller's callback (a caller that joins late first gets the latest figures).
 */
final class SharedPull implements ContainerRuntime.PullProgress {
  private static final Logger LOG = Logger.getLogger(SharedPull.class.getName());
  final CompletableFuture<ResolvedImage> result = new CompletableFuture<>();
  private final List<ContainerRuntime.PullProgress> watchers = new CopyOnWriteArrayList<>();
  private volatile long[] last;

  /** Adds a caller's callback; it is told the progress so far at once. */
  void watch(ContainerRuntime.PullProgress progress) {
    if (progress == null || progress == ContainerRuntime.PullProgress.NONE) {
      return;
    }
    watchers.add(progress);
    long[] now = last;
    if (now != null) {
      tell(progress, now[0], now[1]);
    }
  }

  @Override
  public void update(long bytesDone, long bytesTotal) {
    last = new long[] {bytesDone, bytesTotal};
    for (ContainerRuntime.PullProgress w : watchers) {
      tell(w, bytesDone, bytesTotal);
    }
  }

  private static void tell(ContainerRuntime.PullProgress w, long done, long total) {
    try {
      w.update(done, total);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "pull progress callback failed", e);
    }
  }
}
