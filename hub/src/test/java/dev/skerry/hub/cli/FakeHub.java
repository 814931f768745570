package dev.skerry.hub.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A unit-level fake of the hub's REST API, not the hub: a Vert.x server on a free port that answers
 * canned bodies shaped as the API writes them (docs/hub.md), records every request, demands the
 * bearer token on {@code /api/} like the real hub (401 in the API's error shape), and answers 404
 * in that shape for anything not canned.
 */
final class FakeHub implements AutoCloseable {
  static final String TOKEN = "test-token";

  /** A request as the fake received it. */
  record Request(
      String method,
      String path,
      String query,
      String authorization,
      String contentType,
      String body) {}

  private final Vertx vertx = Vertx.vertx();
  private final Router router = Router.router(vertx);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  FakeHub() throws Exception {
    router.route().handler(BodyHandler.create());
    router.route().handler(this::recordAndAuthenticate);
    // Like the hub, answer an uncanned path or method with a 404 in the contract's shape.
    for (int status : new int[] {404, 405}) {
      router.errorHandler(
          status,
          ctx ->
              ctx.response()
                  .setStatusCode(404)
                  .putHeader("Content-Type", "application/json")
                  .end(error("not_found", ctx.request().path() + " not found")));
    }
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Answers {@code method path} with the status and JSON body (every time). */
  FakeHub on(HttpMethod method, String path, int status, String body) {
    router
        .route(method, path)
        .handler(
            ctx ->
                ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(body));
    return this;
  }

  /** Answers in turn with each body (the last one repeats): for GET before and after a change. */
  FakeHub onSequence(HttpMethod method, String path, int status, String... bodies) {
    int[] n = {0};
    router
        .route(method, path)
        .handler(
            ctx -> {
              String body = bodies[Math.min(n[0]++, bodies.length - 1)];
              ctx.response()
                  .setStatusCode(status)
                  .putHeader("Content-Type", "application/json")
                  .end(body);
            });
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests other than GET, in order. */
  List<Request> changes() {
    return requests.stream().filter(r -> !r.method().equals("GET")).toList();
  }

  static String error(String code, String message, String... details) {
    StringBuilder d = new StringBuilder();
    for (String detail : details) {
      d.append(d.length() == 0 ? "" : ",").append('"').append(detail).append('"');
    }
    return "{\"error\":{\"code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\",\"details\":["
        + d
        + "]}}";
  }

  private void recordAndAuthenticate(RoutingContext ctx) {
    var req = ctx.request();
    requests.add(
        new Request(
            req.method().name(),
            req.path(),
            req.query(),
            req.getHeader("Authorization"),
            req.getHeader("Content-Type"),
            ctx.body().asString()));
    if (req.path().startsWith("/api/")
        && !("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
      ctx.response()
          .setStatusCode(401)
          .putHeader("Content-Type", "application/json")
          .end(error("unauthorized", "missing or invalid bearer token"));
      return;
    }
    ctx.next();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
