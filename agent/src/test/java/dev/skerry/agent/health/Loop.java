package dev.skerry.agent.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Test helpers for the agent's single-event-loop Vert.x. */
final class Loop {
  private Loop() {}

  /** A Vert.x like the agent's: one event loop. */
  static Vertx vertx() {
    return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  }

  /** Runs {@code call} on the event loop and waits (at most 10 s) for its future. */
  static <T> T await(Vertx vertx, Supplier<Future<T>> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.runOnContext(
        v ->
            call.get()
                .onComplete(
                    ar -> {
                      if (ar.succeeded()) {
                        result.complete(ar.result());
                      } else {
                        result.completeExceptionally(ar.cause());
                      }
                    }));
    return result.get(10, TimeUnit.SECONDS);
  }

  /** Waits for a Vert.x future started on any thread. */
  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Closes Vert.x and waits for it. */
  static void close(Vertx vertx) throws Exception {
    await(vertx.close());
  }
}
