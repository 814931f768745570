package dev.skerry.hub.deploy;

import dev.skerry.core.concurrent.NamedThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that changes fleet state: device updates, deployment changes and recomposition run
 * here in order, so a composition always sees a consistent store and device revisions are handed
 * out one at a time.
 */
public final class ControlLoop implements AutoCloseable {
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(NamedThreads.factory("skerry-hub-control", true));

  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, thread);
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
