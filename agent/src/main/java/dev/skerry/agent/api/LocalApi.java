package dev.skerry.agent.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skerry.agent.runtime.LogFiles;
import dev.skerry.core.wire.WireJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local HTTP API on Vert.x core's {@link HttpServer} (no vertx-web, to keep the footprint
 * small): {@code GET /healthz}, {@code GET /v1/status}, {@code GET /metrics}. Handlers run on the
 * event loop and only read in-memory snapshots.
 */
public final class LocalApi implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalApi.class.getName());
  private static final String JSON = "application/json";

  private static final Pattern LOGS = Pattern.compile("/v1/workloads/([a-z0-9-]{1,63})/logs");
  static final int DEFAULT_TAIL = 100;
  static final int MAX_TAIL = 10_000;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final AgentView view;
  private final Path logsDir;
  private HttpServer server;

  public LocalApi(Vertx vertx, String host, int port, AgentView view) {
    this(vertx, host, port, view, null);
  }

  /**
   * @param logsDir where container output is ({@code <data-dir>/logs}); null: no logs endpoint
   */
  public LocalApi(Vertx vertx, String host, int port, AgentView view, Path logsDir) {
    this.logsDir = logsDir;
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
    Matcher logs = LOGS.matcher(request.path());
    if (logsDir != null && logs.matches()) {
      logs(request, logs.group(1));
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
                .end(MetricsText.render(view.metrics()));
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

  /** {@code GET /v1/workloads/{name}/logs?tail=N}: the last N lines, read on a worker thread. */
  private void logs(HttpServerRequest request, String workload) {
    String tailText = request.getParam("tail");
    int tail;
    try {
      tail = tailText == null ? DEFAULT_TAIL : Integer.parseInt(tailText);
    } catch (NumberFormatException e) {
      tail = -1;
    }
    if (tail < 1 || tail > MAX_TAIL) {
      error(request, 400, "bad_request", "tail: must be a number from 1 to " + MAX_TAIL);
      return;
    }
    if (!view.hasWorkload(workload)) {
      error(request, 404, "not_found", "no workload " + workload);
      return;
    }
    int lines = tail;
    vertx
        .executeBlocking(
            () -> {
              Optional<Path> log = LogFiles.current(logsDir, workload);
              if (log.isEmpty()) {
                return "";
              }
              List<String> last = LogFiles.tail(log.get(), lines);
              return last.isEmpty() ? "" : String.join("\n", last) + "\n";
            },
            false)
        .onSuccess(
            text ->
                request.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(text))
        .onFailure(
            e -> {
              LOG.warning("local API logs of " + workload + ": " + e);
              error(request, 500, "internal", "cannot read the log");
            });
  }

  private static void error(HttpServerRequest request, int status, String code, String message) {
    ObjectNode body = WireJson.mapper().createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    request.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.toString());
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
