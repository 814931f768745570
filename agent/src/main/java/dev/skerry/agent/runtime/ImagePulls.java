package dev.skerry.agent.runtime;

import dev.skerry.core.spec.ImageReference;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Images made available once: a local image is used as it is, and concurrent requests for one
 * reference share one pull ({@link SharedPull}), each caller told that pull's progress. A failed
 * pull hands every waiter the same port failure.
 */
final class ImagePulls {
  private final OwnNamespace namespace;
  private final ImagePuller puller;
  private final LocalImages images;
  private final Map<String, SharedPull> pulls = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();

  ImagePulls(OwnNamespace namespace, ImagePuller puller, LocalImages images) {
    this.namespace = namespace;
    this.puller = puller;
    this.images = images;
  }

  ResolvedImage ensure(String reference, ContainerRuntime.PullProgress progress) {
    ImageReference ref = ImageReferences.parse(reference);
    namespace.ensure();
    ResolvedImage present = images.find(reference, ref);
    if (present != null) {
      return present;
    }
    SharedPull mine = new SharedPull();
    SharedPull running = pulls.putIfAbsent(ref.canonical(), mine);
    if (running != null) {
      running.watch(progress);
      ResolvedImage shared = join(running.result);
      return new ResolvedImage(
          reference, shared.digest(), shared.chainId(), shared.config(), shared.sizeBytes());
    }
    mine.watch(progress);
    try {
      started.incrementAndGet();
      ResolvedImage pulled = puller.pull(reference, ref, mine);
      mine.result.complete(pulled);
      return pulled;
    } catch (RuntimeException e) {
      // Translated here, so that the waiters get the same verdict as this caller.
      RuntimeException failure = RuntimeBoundary.translate(e);
      mine.result.completeExceptionally(failure);
      throw failure;
    } catch (Error e) {
      mine.result.completeExceptionally(e);
      throw e;
    } finally {
      pulls.remove(ref.canonical(), mine);
    }
  }

  /** The image if it is complete locally, without network access, else null. */
  ResolvedImage find(String reference) {
    return images.find(reference, ImageReferences.parse(reference));
  }

  /** Pulls actually started (not shared, not found locally). */
  int started() {
    return started.get();
  }

  private static ResolvedImage join(CompletableFuture<ResolvedImage> pull) {
    try {
      return pull.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientFailure("ImagePullFailed", "interrupted while waiting for a pull", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeFailure rf) {
        throw rf;
      }
      throw new TransientFailure("ImagePullFailed", String.valueOf(e.getCause()), e.getCause());
    }
  }
}
