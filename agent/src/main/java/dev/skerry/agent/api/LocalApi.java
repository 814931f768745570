package dev.skerry.agent.api;

import dev.skerry.proto.msg.WireJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The local HTTP API on Vert.x core's {@link HttpServer} (no vertx-web, to keep the footprint
 * small): {@code GET /healthz}, {@code GET /v1/status}, {@code GET /metrics}. Handlers run on the
 * event loop and only read in-memory snapshots.
 */
public final class LocalApi implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalApi.class.getName());
  private static final String JSON = "application/json";

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final AgentView view;
  private HttpServer server;

  public LocalApi(Vertx vertx, String host, int port, AgentView view) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.view = Objects.requireNonNull(view, "view");
  }

  /** Binds; completes with the actual port (useful with port 0). */
  public Future<Integer> start() {
    server = vertx.createHttpServer();
    return server
        .requestHandler(this::handle)
        .listen(port, host)
        .map(
            s -> {
              LOG.info("local API on http://" + host + ":" + s.actualPort());
              return s.actualPort();
            });
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET) {
      request.response().setStatusCode(405).putHeader("Allow", "GET").end();
      return;
    }
    try {
      switch (request.path()) {
        case "/healthz" ->
            request.response().putHeader("Content-Type", JSON).end("{\"status\":\"ok\"}");
        case "/v1/status" ->
            request
                .response()
                .putHeader("Content-Type", JSON)
                .end(WireJson.mapper().writeValueAsString(view.status()));
        case "/metrics" ->
            request
                .response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(PrometheusText.render(view.metrics()));
        default ->
            request
                .response()
                .setStatusCode(404)
                .putHeader("Content-Type", JSON)
                .end("{\"error\":{\"code\":\"not_found\",\"message\":\"no such path\"}}");
      }
    } catch (Exception e) {
      LOG.warning("local API " + request.path() + ": " + e);
      request.response().setStatusCode(500).end();
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
