package dev.skerry.hub.api;

import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.hub.access.Accounts;
import dev.skerry.hub.access.InMemoryAccessStore;
import dev.skerry.hub.access.LoginThrottle;
import dev.skerry.hub.access.PasswordHasher;
import dev.skerry.hub.deploy.DeployService;
import dev.skerry.hub.fleet.DeviceEvents;
import dev.skerry.hub.fleet.FleetService;
import dev.skerry.hub.fleet.Staleness;
import dev.skerry.hub.metrics.HubMetrics;
import dev.skerry.hub.mqtt.CommandClient;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  /** Sent on every HTTPS response (a year), never on plain HTTP: browsers come back on HTTPS. */
  public static final String HSTS = "max-age=31536000";

  private final HttpServer server;
  private final HttpServer httpsServer;
  private final WorkerExecutor workers;

  private RestServer(HttpServer server, HttpServer httpsServer, WorkerExecutor workers) {
    this.server = server;
    this.httpsServer = httpsServer;
    this.workers = workers;
  }

  /**
   * An HTTPS listener serving the same router: {@code host:port} (0 = any free port) with this
   * identity (key and chain, leaf first).
   */
  public record Https(String host, int port, TlsContexts.Identity identity) {}

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
    return start(
        vertx,
        host,
        port,
        token,
        fleet,
        deploy,
        events,
        staleness,
        clock,
        commands,
        commandTimeout,
        metrics,
        null,
        null,
        null);
  }

  /**
   * As above, plus the identity routes (enrollment, join tokens) when {@code security} is given, an
   * HTTPS listener when {@code https} is given, and users and their tokens when {@code accounts} is
   * given (without it, the admin token is the only credential).
   */
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
      HubMetrics metrics,
      SecurityRoutes security,
      Https https,
      Accounts accounts) {
    Objects.requireNonNull(token, "token");
    Accounts access =
        accounts != null
            ? accounts
            : new Accounts(
                new InMemoryAccessStore(),
                new PasswordHasher(PasswordHasher.ITERATIONS),
                new LoginThrottle(),
                token::matches,
                clock);
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("skerry-hub-api", 4);
    Blocking blocking = new Blocking(workers);
    Router router = Router.router(vertx);
    router
        .route()
        .handler(
            ctx -> {
              long started = System.nanoTime();
              String method = ctx.request().method().name();
              if (ctx.request().isSSL()) {
                ctx.addHeadersEndHandler(
                    v -> ctx.response().putHeader("Strict-Transport-Security", HSTS));
              }
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
    if (security != null) {
      security.mountPublic(router, blocking);
    }
    AccessRoutes accessRoutes = new AccessRoutes(access, blocking);
    accessRoutes.mountPublic(router);
    router.route("/api/*").handler(new AccessHandler(access, blocking)::handle);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    if (security != null) {
      security.mountAdmin(router, blocking);
    }
    accessRoutes.mount(router);
    new AuditRoutes(access, blocking).mount(router);
    new DeviceRoutes(fleet, events, staleness, clock, blocking).mount(router);
    new CommandRoutes(fleet, commands, commandTimeout, blocking).mount(router);
    new DeploymentRoutes(deploy, blocking).mount(router);
    refuseRoutesWithoutRole(router, workers);
    router.route().failureHandler(ErrorResponses::handle);
    for (int status : new int[] {404, 405}) {
      router.errorHandler(status, ErrorResponses::handle);
    }
    HttpServer server = null;
    try {
      server =
          vertx
              .createHttpServer()
              .requestHandler(router)
              .listen(port, host)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      HttpServer secure = https == null ? null : listenHttps(vertx, router, https);
      return new RestServer(server, secure, workers);
    } catch (Exception e) {
      if (server != null) {
        server.close();
      }
      workers.close();
      if (server != null) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new IllegalStateException(
            "the HTTPS API cannot listen on "
                + https.host()
                + ":"
                + https.port()
                + " ("
                + cause.getMessage()
                + "); choose another with --https-port",
            cause);
      }
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

  private static HttpServer listenHttps(Vertx vertx, Router router, Https https) throws Exception {
    StringBuilder chain = new StringBuilder();
    for (var cert : https.identity().chain()) {
      chain.append(Pem.encode(cert));
    }
    HttpServerOptions options =
        new HttpServerOptions()
            .setSsl(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .setKeyValue(Buffer.buffer(Pem.encode(https.identity().key())))
                    .setCertValue(Buffer.buffer(chain.toString())));
    options.setEnabledSecureTransportProtocols(java.util.Set.of("TLSv1.2", "TLSv1.3"));
    return vertx
        .createHttpServer(options)
        .requestHandler(router)
        .listen(https.port(), https.host())
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  /** Every API route must have its role in {@link RouteRoles}: a route without one is a bug. */
  private static void refuseRoutesWithoutRole(Router router, WorkerExecutor workers) {
    List<String> missing = RouteRoles.missing(servedApiRoutes(router));
    if (!missing.isEmpty()) {
      workers.close();
      throw new IllegalStateException("API routes without a role in RouteRoles: " + missing);
    }
  }

  /** The {@code "METHOD /path"} of every API route the router serves. */
  static List<String> servedApiRoutes(Router router) {
    List<String> served = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || !path.startsWith("/api/") || route.methods() == null) {
        continue;
      }
      for (HttpMethod m : route.methods()) {
        served.add(m.name() + " " + path);
      }
    }
    return served;
  }

  /** The port the server is bound to. */
  public int port() {
    return server.actualPort();
  }

  /** The bound HTTPS port, or -1 without an HTTPS listener. */
  public int httpsPort() {
    return httpsServer == null ? -1 : httpsServer.actualPort();
  }

  @Override
  public void close() {
    try {
      if (httpsServer != null) {
        httpsServer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // Closing on shutdown; nothing left to tell the client.
    }
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing on shutdown; nothing left to tell the client.
    }
    workers.close();
  }
}
