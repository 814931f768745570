package dev.skerry.agent.runtime;

import io.grpc.MethodDescriptor;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bidirectional stream used in lock step (containerd's Content.Write answers every request): one
 * worker thread sends a request and blocks for its answer. Messages arrive on the event loop and
 * are handed over through a queue.
 */
final class LockStepStream<Q, R> implements AutoCloseable {
  private static final Object END = new Object();

  private final MethodDescriptor<Q, R> method;
  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private GrpcClientRequest<Q, R> request;
  private boolean finished;

  LockStepStream(MethodDescriptor<Q, R> method) {
    this.method = method;
  }

  void attach(GrpcClientRequest<Q, R> req) {
    this.request = req;
  }

  void onMessage(R message) {
    inbox.add(message);
  }

  void onEnd(Throwable error) {
    inbox.add(error == null ? END : error);
  }

  /** Sends one request and waits for its answer. */
  public R exchange(Q message, Duration timeout) {
    request.write(message);
    return next(timeout);
  }

  /** Sends the last request, waits for its answer and for the end of the stream. */
  public R finish(Q message, Duration timeout) {
    finished = true;
    request.end(message);
    R answer = next(timeout);
    Object end = take(timeout);
    if (end instanceof RuntimeException e) {
      throw e;
    }
    return answer;
  }

  @SuppressWarnings("unchecked")
  private R next(Duration timeout) {
    Object item = take(timeout);
    if (item == END) {
      throw new ContainerdException(
          GrpcStatus.INTERNAL,
          ContainerdClient.shortName(method) + ": stream ended without an answer",
          null);
    }
    if (item instanceof RuntimeException e) {
      throw e;
    }
    if (item instanceof Throwable t) {
      throw new ContainerdException(GrpcStatus.UNKNOWN, t.getMessage(), t);
    }
    return (R) item;
  }

  private Object take(Duration timeout) {
    try {
      Object item = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (item == null) {
        close();
        throw new ContainerdException(
            GrpcStatus.DEADLINE_EXCEEDED,
            ContainerdClient.shortName(method) + ": no answer in " + timeout,
            null);
      }
      return item;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ContainerdException(GrpcStatus.CANCELLED, "interrupted", e);
    }
  }

  /** Cancels the stream unless it was finished normally (frees containerd's ref lock). */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      request.cancel();
    }
  }
}
