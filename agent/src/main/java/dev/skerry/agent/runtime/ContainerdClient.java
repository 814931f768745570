package dev.skerry.agent.runtime;

import io.grpc.MethodDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * containerd's gRPC API over its unix socket, through Vert.x's gRPC client (one HTTP/2 connection,
 * the application's event loop). The {@code *Async} methods may run on any thread; the blocking
 * facades must run on a worker thread, never on an event loop.
 *
 * <p>Every call carries {@code containerd-namespace}; calls given a lease id carry {@code
 * containerd-lease} too. Failures are {@link ContainerdException}s, which keep the gRPC status for
 * this package's own decisions and are translated before they leave it.
 */
final class ContainerdClient implements AutoCloseable {
  /** containerd's own server limit (grpc-java's default of 4 MiB is too small for big lists). */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final GrpcClient grpc;
  private final SocketAddress address;
  private final String namespace;

  public ContainerdClient(Vertx vertx, Path socket, String namespace) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.address = SocketAddress.domainSocketAddress(socket.toString());
    HttpClientOptions transport =
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setHttp2ClearTextUpgrade(false)
            .setDefaultHost("localhost");
    this.grpc =
        GrpcClient.client(
            vertx,
            new GrpcClientOptions()
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setTransportOptions(transport));
  }

  public String namespace() {
    return namespace;
  }

  Vertx vertx() {
    return vertx;
  }

  /** A unary call; blocks the calling worker thread until the answer or {@code timeout}. */
  public <Q, R> R call(MethodDescriptor<Q, R> method, Q request) {
    return await(callAsync(method, request, null), DEFAULT_TIMEOUT, method);
  }

  /** A unary call under a lease (image pull, snapshot preparation). */
  public <Q, R> R call(MethodDescriptor<Q, R> method, Q request, String leaseId) {
    return await(callAsync(method, request, leaseId), DEFAULT_TIMEOUT, method);
  }

  /** A unary call under a lease with its own time limit (Diff.Apply of a big layer). */
  public <Q, R> R call(MethodDescriptor<Q, R> method, Q request, String leaseId, Duration timeout) {
    return await(callAsync(method, request, leaseId), timeout, method);
  }

  /** A unary call that may legitimately take long (Tasks.Wait); {@code null} waits forever. */
  public <Q, R> R call(MethodDescriptor<Q, R> method, Q request, Duration timeout) {
    return await(callAsync(method, request, null), timeout, method);
  }

  /** A server-streaming call collected into a list (Content.Read of small blobs, lists). */
  public <Q, R> List<R> callStreaming(MethodDescriptor<Q, R> method, Q request) {
    Promise<List<R>> done = Promise.promise();
    List<R> items = new ArrayList<>();
    subscribe(
        method,
        request,
        items::add,
        error -> {
          if (error == null) {
            done.complete(items);
          } else {
            done.fail(error);
          }
        });
    return await(done.future(), DEFAULT_TIMEOUT, method);
  }

  public <Q, R> Future<R> callAsync(MethodDescriptor<Q, R> method, Q request, String leaseId) {
    Promise<R> result = Promise.promise();
    List<R> items = new ArrayList<>(1);
    open(method, leaseId)
        .onFailure(result::fail)
        .onSuccess(
            req -> {
              req.end(request);
              listen(
                  req,
                  method,
                  items::add,
                  error -> {
                    if (error != null) {
                      result.fail(error);
                    } else if (items.isEmpty()) {
                      result.fail(
                          new ContainerdException(
                              GrpcStatus.INTERNAL,
                              method.getFullMethodName() + ": no answer",
                              null));
                    } else {
                      result.complete(items.get(0));
                    }
                  });
            });
    return result.future();
  }

  /**
   * A server-streaming call. {@code onMessage} and {@code onEnd} run on the event loop; {@code
   * onEnd} gets null when the stream ended with OK, else the failure. Returns a handle that cancels
   * the stream.
   */
  public <Q, R> Subscription subscribe(
      MethodDescriptor<Q, R> method, Q request, Consumer<R> onMessage, Consumer<Throwable> onEnd) {
    Subscription subscription = new Subscription();
    open(method, null)
        .onFailure(onEnd::accept)
        .onSuccess(
            req -> {
              subscription.attach(req);
              req.end(request);
              listen(req, method, onMessage, onEnd);
            });
    return subscription;
  }

  /** Opens a bidirectional stream driven in lock step from one worker thread. */
  public <Q, R> LockStepStream<Q, R> lockStep(MethodDescriptor<Q, R> method, String leaseId) {
    LockStepStream<Q, R> stream = new LockStepStream<>(method);
    GrpcClientRequest<Q, R> req = await(open(method, leaseId), DEFAULT_TIMEOUT, method);
    stream.attach(req);
    listen(req, method, stream::onMessage, stream::onEnd);
    return stream;
  }

  private <Q, R> Future<GrpcClientRequest<Q, R>> open(MethodDescriptor<Q, R> method, String lease) {
    return grpc.request(address, method)
        .map(
            req -> {
              req.headers().set("containerd-namespace", namespace);
              if (lease != null) {
                req.headers().set("containerd-lease", lease);
              }
              return req;
            })
        .recover(error -> Future.failedFuture(unreachable(method, error)));
  }

  private <Q, R> void listen(
      GrpcClientRequest<Q, R> req,
      MethodDescriptor<Q, R> method,
      Consumer<R> onMessage,
      Consumer<Throwable> onEnd) {
    req.response()
        .onFailure(error -> onEnd.accept(unreachable(method, error)))
        .onSuccess(
            resp -> {
              boolean[] ended = {false};
              resp.handler(onMessage::accept);
              resp.exceptionHandler(
                  error -> {
                    if (!ended[0]) {
                      ended[0] = true;
                      onEnd.accept(unreachable(method, error));
                    }
                  });
              resp.endHandler(
                  v -> {
                    if (!ended[0]) {
                      ended[0] = true;
                      onEnd.accept(statusError(method, resp));
                    }
                  });
            });
  }

  private static <Q, R> ContainerdException statusError(
      MethodDescriptor<Q, R> method, GrpcClientResponse<Q, R> resp) {
    GrpcStatus status = resp.status();
    if (status == null || status == GrpcStatus.OK) {
      return null;
    }
    String message = resp.statusMessage();
    return new ContainerdException(
        status, shortName(method) + ": " + (message == null ? status.name() : message), null);
  }

  private static ContainerdException unreachable(MethodDescriptor<?, ?> method, Throwable error) {
    if (error instanceof ContainerdException ce) {
      return ce;
    }
    return new ContainerdException(
        GrpcStatus.UNAVAILABLE,
        shortName(method) + ": containerd unreachable: " + error.getMessage(),
        error);
  }

  static String shortName(MethodDescriptor<?, ?> method) {
    String full = method.getFullMethodName();
    int dot = full.lastIndexOf('.', full.indexOf('/'));
    return dot < 0 ? full : full.substring(dot + 1);
  }

  static <T> T await(Future<T> future, Duration timeout, MethodDescriptor<?, ?> method) {
    try {
      var completable = future.toCompletionStage().toCompletableFuture();
      return timeout == null
          ? completable.get()
          : completable.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerdException(GrpcStatus.CANCELLED, shortName(method) + ": interrupted", e);
    } catch (TimeoutException e) {
      throw new ContainerdException(
          GrpcStatus.DEADLINE_EXCEEDED, shortName(method) + ": no answer in " + timeout, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeFailure rf) {
        throw rf;
      }
      throw unreachable(method, cause);
    }
  }

  /** Headers for an ad-hoc call; exposed for tests. */
  Map<String, String> headers(String lease) {
    return lease == null
        ? Map.of("containerd-namespace", namespace)
        : Map.of("containerd-namespace", namespace, "containerd-lease", lease);
  }

  @Override
  public void close() {
    grpc.close();
  }

  /** A running server stream; {@link #cancel()} ends it from any thread. */
  public static final class Subscription {
    private volatile GrpcClientRequest<?, ?> request;
    private volatile boolean cancelled;

    void attach(GrpcClientRequest<?, ?> req) {
      request = req;
      if (cancelled) {
        req.cancel();
      }
    }

    public void cancel() {
      cancelled = true;
      GrpcClientRequest<?, ?> req = request;
      if (req != null) {
        req.cancel();
      }
    }
  }
}
