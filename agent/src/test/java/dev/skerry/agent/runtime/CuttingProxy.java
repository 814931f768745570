package dev.skerry.agent.runtime;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain-HTTP proxy in front of a registry that drops the connection after {@code cutAfter} body
 * bytes of the first blob larger than that, as a flaky uplink would. Records every blob request's
 * {@code Range} header and counts the blob bytes it passed on.
 */
final class CuttingProxy implements AutoCloseable {
  /** A blob request as the proxy saw it; {@code range} is null without a Range header. */
  record BlobRequest(String path, String range, int status) {}

  private final HttpServer server;
  private final HttpClient client;
  private final String upstream;
  private final long cutAfter;
  private final AtomicBoolean cut = new AtomicBoolean();
  private final AtomicLong blobBytes = new AtomicLong();
  private final List<BlobRequest> blobRequests = new CopyOnWriteArrayList<>();

  private CuttingProxy(Vertx vertx, String upstream, long cutAfter) {
    this.upstream = upstream;
    this.cutAfter = cutAfter;
    this.client = vertx.createHttpClient();
    this.server = vertx.createHttpServer().requestHandler(this::forward);
  }

  static CuttingProxy start(Vertx vertx, String upstream, long cutAfter) {
    CuttingProxy proxy = new CuttingProxy(vertx, upstream, cutAfter);
    proxy.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    return proxy;
  }

  String address() {
    return "127.0.0.1:" + server.actualPort();
  }

  List<BlobRequest> blobRequests() {
    return List.copyOf(blobRequests);
  }

  long blobBytes() {
    return blobBytes.get();
  }

  boolean hasCut() {
    return cut.get();
  }

  private void forward(HttpServerRequest req) {
    req.pause();
    RequestOptions options =
        new RequestOptions()
            .setMethod(req.method())
            .setAbsoluteURI("http://" + upstream + req.uri())
            .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()).remove("Host"));
    HttpServerResponse resp = req.response();
    client
        .request(options)
        .compose(up -> up.send(req))
        .onFailure(e -> resp.setStatusCode(502).end())
        .onSuccess(
            up -> {
              boolean blob = req.path().contains("/blobs/");
              if (blob) {
                blobRequests.add(
                    new BlobRequest(req.path(), req.getHeader("Range"), up.statusCode()));
              }
              resp.setStatusCode(up.statusCode());
              resp.headers().addAll(up.headers());
              String length = up.getHeader("Content-Length");
              boolean cutThis =
                  blob
                      && length != null
                      && Long.parseLong(length) > cutAfter
                      && cut.compareAndSet(false, true);
              AtomicLong sent = new AtomicLong();
              up.handler(
                  chunk -> {
                    if (!cutThis) {
                      count(blob, chunk.length());
                      resp.write(chunk);
                      return;
                    }
                    long room = cutAfter - sent.get();
                    if (room <= 0) {
                      return;
                    }
                    Buffer part = chunk.length() <= room ? chunk : chunk.getBuffer(0, (int) room);
                    sent.addAndGet(part.length());
                    count(blob, part.length());
                    resp.write(part);
                    if (sent.get() >= cutAfter) {
                      up.pause();
                      req.connection().close();
                    }
                  });
              up.endHandler(
                  v -> {
                    if (!cutThis) {
                      resp.end();
                    }
                  });
            });
  }

  private void count(boolean blob, long bytes) {
    if (blob) {
      blobBytes.addAndGet(bytes);
    }
  }

  @Override
  public void close() {
    server.close();
    client.close();
  }
}
