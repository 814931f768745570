package dev.skerry.hub.api;

import dev.skerry.hub.deploy.DeployService;
import dev.skerry.hub.fleet.DeviceEvents;
import dev.skerry.hub.fleet.FleetService;
import dev.skerry.hub.fleet.Staleness;
import dev.skerry.hub.metrics.HubMetrics;
import dev.skerry.hub.mqtt.CommandClient;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The REST API. Handlers run on the Vert.x event loop and hand store work to the {@code
 * skerry-hub-api} worker pool.
 */
public final class RestServer implements AutoCloseable {
  /** Largest request body accepted (413 above). */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  private final HttpServer server;
  private final WorkerExecutor workers;

  private RestServer(HttpServer server, WorkerExecutor workers) {
    this.server = server;
    this.workers = workers;
  }

  /** Binds {@code host:port} (0 = any free port) and serves until closed. */
  public static RestServer start(
      Vertx vertx,
      String host,
      int port,
      AdminToken token,
      FleetService fleet,
      DeployService deploy,
      DeviceEvents events,
      Staleness staleness,
      Clock clock,
      CommandClient commands,
      Duration commandTimeout,
      HubMetrics metrics) {
    Objects.requireNonNull(token, "token");
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("skerry-hub-api", 4);
    Blocking blocking = new Blocking(workers);
    Router router = Router.router(vertx);
    router
        .route()
        .handler(
            ctx -> {
              long started = System.nanoTime();
              String method = ctx.request().method().name();
              ctx.addEndHandler(
                  done ->
                      metrics
                          .api()
                          .record(
                              method, ctx.response().getStatusCode(), System.nanoTime() - started));
              ctx.next();
            });
    router.get("/healthz").handler(ctx -> Json.send(ctx, 200, Map.of("status", "ok")));
    // The web console: static files from the jar; it calls the API with the token the user gives.
    router.get("/").handler(ctx -> ctx.redirect("/console/"));
    router
        .route("/console/*")
        .handler(
            StaticHandler.create("web").setDefaultContentEncoding("UTF-8").setMaxAgeSeconds(60));
    router
        .get("/metrics")
        .handler(
            ctx ->
                blocking.run(
                    ctx,
                    metrics::scrape,
                    text ->
                        ctx.response()
                            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                            .end(text)));
    router.route("/api/*").handler(ctx -> authorize(ctx, token));
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    new DeviceRoutes(fleet, events, staleness, clock, blocking).mount(router);
    new CommandRoutes(fleet, commands, commandTimeout, blocking).mount(router);
    new DeploymentRoutes(deploy, blocking).mount(router);
    router.route().failureHandler(ErrorResponses::handle);
    for (int status : new int[] {404, 405}) {
      router.errorHandler(status, ErrorResponses::handle);
    }
    try {
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(router)
              .listen(port, host)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new RestServer(server, workers);
    } catch (Exception e) {
      workers.close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "the REST API cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + cause.getMessage()
              + "); choose another with --http-port",
          cause);
    }
  }

  private static void authorize(RoutingContext ctx, AdminToken token) {
    String header = ctx.request().getHeader("Authorization");
    String presented =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    if (token.matches(presented)) {
      ctx.next();
    } else {
      ErrorResponses.send(
          ctx,
          new ApiError(
              401,
              "unauthorized",
              header == null
                  ? "missing Authorization: Bearer <token>"
                  : "the bearer token is not valid"));
    }
  }

  /** The port the server is bound to. */
  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing on shutdown; nothing left to tell the client.
    }
    workers.close();
  }
}
