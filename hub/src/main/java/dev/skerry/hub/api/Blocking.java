package dev.skerry.hub.api;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Runs store work off the event loop and answers back on it. */
final class Blocking {
  private final WorkerExecutor workers;

  Blocking(WorkerExecutor workers) {
    this.workers = workers;
  }

  /** Runs {@code work} on a worker; {@code reply} runs on the event loop; failures go to ctx. */
  <T> void run(RoutingContext ctx, Callable<T> work, Consumer<T> reply) {
    Future<T> result = workers.executeBlocking(work, false);
    result.onSuccess(value -> answer(ctx, reply, value)).onFailure(ctx::fail);
  }

  /** Runs {@code work} on a worker; it starts an asynchronous change whose result is awaited. */
  <T> void runAsync(RoutingContext ctx, Callable<CompletionStage<T>> work, Consumer<T> reply) {
    Future<CompletionStage<T>> started = workers.executeBlocking(work, false);
    started
        .compose(stage -> Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext()))
        .onSuccess(value -> answer(ctx, reply, value))
        .onFailure(ctx::fail);
  }

  // A throw inside a future's handler would not reach the router; the request would hang.
  private static <T> void answer(RoutingContext ctx, Consumer<T> reply, T value) {
    try {
      reply.accept(value);
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }
}
