package dev.skerry.agent.runtime;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain-HTTP registry front with Docker's token authentication: {@code /v2/...} without {@code
 * Bearer <token>} answers 401 with a Bearer challenge whose realm is this server's {@code /token};
 * {@code /token} gives the token only for the right Basic login. Authorized requests go to the real
 * registry.
 */
final class TokenAuthProxy implements AutoCloseable {
  static final String TOKEN = "token-for-edge";
  private final HttpServer server;
  private final HttpClient client;
  private final String upstream;
  private final String user;
  private final String password;
  private final List<String> tokenScopes = new CopyOnWriteArrayList<>();

  private TokenAuthProxy(Vertx vertx, String upstream, String user, String password) {
    this.upstream = upstream;
    this.user = user;
    this.password = password;
    this.client = vertx.createHttpClient();
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  static TokenAuthProxy start(Vertx vertx, String upstream, String user, String password) {
    TokenAuthProxy proxy = new TokenAuthProxy(vertx, upstream, user, password);
    proxy.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    return proxy;
  }

  String address() {
    return "127.0.0.1:" + server.actualPort();
  }

  /** The scope of every token request that carried the right login. */
  List<String> tokenScopes() {
    return List.copyOf(tokenScopes);
  }

  private void handle(HttpServerRequest req) {
    if (req.path().equals("/token")) {
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!basic.equals(req.getHeader("Authorization"))) {
        req.response().setStatusCode(401).end();
        return;
      }
      tokenScopes.add(req.getParam("scope"));
      req.response()
          .putHeader("Content-Type", "application/json")
          .end("{\"token\":\"" + TOKEN + "\"}");
      return;
    }
    if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
      req.response()
          .setStatusCode(401)
          .putHeader(
              "WWW-Authenticate",
              "Bearer realm=\"http://"
                  + address()
                  + "/token\",service=\"skerry-it\",scope=\"repository:skerry/busybox:pull\"")
          .end();
      return;
    }
    req.pause();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
    headers.remove("Host").remove("Authorization");
    client
        .request(
            new RequestOptions()
                .setMethod(req.method())
                .setAbsoluteURI("http://" + upstream + req.uri())
                .setHeaders(headers))
        .compose(up -> up.send(req))
        .onFailure(e -> req.response().setStatusCode(502).end())
        .onSuccess(
            up -> {
              req.response().setStatusCode(up.statusCode()).headers().addAll(up.headers());
              up.pipeTo(req.response());
            });
  }

  @Override
  public void close() {
    server.close();
    client.close();
  }
}
