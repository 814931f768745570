package dev.skerry.agent.runtime;

import dev.skerry.agent.registry.RegistryException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Where the adapter's own errors become the port's: every {@link ContainerRuntime} call of the
 * containerd runtime runs through here, so that callers only ever see a {@link TransientFailure} or
 * a {@link PermanentFailure}, never a gRPC status or a registry exception. Other exceptions
 * (programming errors) pass unchanged.
 */
final class RuntimeBoundary {
  private RuntimeBoundary() {}

  static <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  static void run(Runnable body) {
    try {
      body.run();
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** The same future, failing with the translated error. */
  static <T> CompletableFuture<T> future(Supplier<CompletableFuture<T>> body) {
    CompletableFuture<T> source;
    try {
      source = body.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(translate(e));
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    source.whenComplete(
        (value, error) -> {
          if (error == null) {
            out.complete(value);
          } else {
            Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            out.completeExceptionally(cause instanceof RuntimeException re ? translate(re) : cause);
          }
        });
    return out;
  }

  /** The port's failure for an adapter error; other runtime exceptions unchanged. */
  static RuntimeException translate(RuntimeException e) {
    if (e instanceof TransientFailure || e instanceof PermanentFailure) {
      return e;
    }
    if (e instanceof ContainerdException ce) {
      return ContainerdErrors.failure(ce);
    }
    if (e instanceof RegistryException re) {
      return registry(re);
    }
    if (e instanceof RuntimeFailure rf) {
      RuntimeFailure typed =
          RuntimeFailure.of(rf.reason(), rf.getMessage(), rf.retryable(), rf.getCause());
      typed.setStackTrace(rf.getStackTrace());
      return typed;
    }
    return e;
  }

  /** A registry failure keeps its reason, message, retry verdict and cause. */
  static RuntimeFailure registry(RegistryException e) {
    RuntimeFailure f = RuntimeFailure.of(e.reason(), e.getMessage(), e.retryable(), e.getCause());
    f.setStackTrace(e.getStackTrace());
    return f;
  }
}
