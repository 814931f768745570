package dev.skerry.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.access.AccessException;
import dev.skerry.hub.access.AccessStore.TokenRecord;
import dev.skerry.hub.access.AccessStore.UserRecord;
import dev.skerry.hub.access.Accounts;
import dev.skerry.hub.access.Caller;
import dev.skerry.hub.access.Principal;
import dev.skerry.hub.access.Role;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Users, login and tokens: {@code POST /api/v1/login} and {@code /logout}, {@code GET
 * /api/v1/whoami}, {@code /api/v1/users} (admin), {@code /api/v1/tokens} (the caller's own). The
 * audit trail's routes are in {@link AuditRoutes}.
 */
final class AccessRoutes {
  /** Largest login body (413 above). */
  static final int MAX_LOGIN_BYTES = 8 * 1024;

  private final Accounts accounts;
  private final Blocking blocking;

  AccessRoutes(Accounts accounts, Blocking blocking) {
    this.accounts = accounts;
    this.blocking = blocking;
  }

  /** Login: no credential yet; mounted before the access check. */
  void mountPublic(Router router) {
    router
        .post("/api/v1/login")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_LOGIN_BYTES))
        .handler(this::login);
  }

  /** Mounted behind the access check. */
  void mount(Router router) {
    router.post("/api/v1/logout").handler(this::logout);
    router.get("/api/v1/whoami").handler(this::whoami);
    router.get("/api/v1/users").handler(this::users);
    router.post("/api/v1/users").handler(this::createUser);
    router.delete("/api/v1/users/:name").handler(this::deleteUser);
    router.get("/api/v1/tokens").handler(this::tokens);
    router.post("/api/v1/tokens").handler(this::createToken);
    router.delete("/api/v1/tokens/:id").handler(this::deleteToken);
  }

  private void login(RoutingContext ctx) {
    JsonNode body = body(ctx);
    String name = text(body, "name");
    String password = text(body, "password");
    if (name == null || password == null) {
      throw new ApiError(400, "invalid", "name and password are required");
    }
    var remote = ctx.request().remoteAddress();
    String address = remote == null ? "unknown" : remote.hostAddress();
    String agent = ctx.request().getHeader("User-Agent");
    blocking.run(
        ctx,
        () -> accounts.login(name, password.toCharArray(), address, agent),
        outcome -> {
          if (outcome instanceof Accounts.Throttled t) {
            long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            ErrorResponses.send(
                ctx,
                new ApiError(
                    429,
                    "too_many_attempts",
                    "too many failed logins; try again in " + seconds + " s"));
          } else if (outcome instanceof Accounts.LoggedIn in) {
            Cookie cookie =
                Cookie.cookie(AccessHandler.COOKIE, in.secret())
                    .setPath("/")
                    .setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT)
                    .setMaxAge(Accounts.SESSION_LIFE.toSeconds())
                    .setSecure(ctx.request().isSSL());
            ctx.response().addCookie(cookie);
            Json.send(
                ctx,
                200,
                Map.of(
                    "token", in.secret(),
                    "expiresAt", in.expiresAt().toString(),
                    "user", in.principal().user(),
                    "role", in.principal().role().wireName()));
          } else {
            ErrorResponses.send(ctx, new ApiError(401, "unauthorized", "wrong name or password"));
          }
        });
  }

  private void logout(RoutingContext ctx) {
    String secret = AccessHandler.bearer(ctx.request().getHeader("Authorization"));
    if (secret == null) {
      Cookie c = ctx.request().getCookie(AccessHandler.COOKIE);
      secret = c == null ? null : c.getValue();
    }
    String presented = secret;
    Caller caller = AccessHandler.caller(ctx);
    run(
        ctx,
        () -> {
          accounts.logout(presented, caller);
          return Map.of("loggedOut", true);
        },
        200,
        () ->
            ctx.response()
                .addCookie(
                    Cookie.cookie(AccessHandler.COOKIE, "")
                        .setPath("/")
                        .setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT)
                        .setMaxAge(0)));
  }

  private void whoami(RoutingContext ctx) {
    Principal p = AccessHandler.caller(ctx).principal();
    Json.send(
        ctx,
        200,
        Map.of("user", p.user(), "role", p.role().wireName(), "credential", p.credential()));
  }

  private void users(RoutingContext ctx) {
    run(
        ctx,
        () -> Map.of("items", accounts.users().stream().map(AccessRoutes::view).toList()),
        200,
        null);
  }

  private void createUser(RoutingContext ctx) {
    JsonNode body = body(ctx);
    String name = text(body, "name");
    String password = text(body, "password");
    String roleName = text(body, "role");
    Role role =
        Role.parse(roleName)
            .orElseThrow(
                () -> new ApiError(400, "invalid", "role: one of viewer, operator, admin"));
    if (password == null) {
      throw new ApiError(400, "invalid", "password is required");
    }
    Caller caller = AccessHandler.caller(ctx);
    run(
        ctx,
        () -> view(accounts.createUser(name, password.toCharArray(), role, caller)),
        201,
        null);
  }

  private void deleteUser(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Caller caller = AccessHandler.caller(ctx);
    run(
        ctx,
        () -> {
          accounts.deleteUser(name, caller);
          return Map.of("name", name, "deleted", true);
        },
        200,
        null);
  }

  private void tokens(RoutingContext ctx) {
    Caller caller = AccessHandler.caller(ctx);
    run(
        ctx,
        () ->
            Map.of(
                "items", accounts.tokens(caller).stream().map(t -> TokenView.of(t, null)).toList()),
        200,
        null);
  }

  private void createToken(RoutingContext ctx) {
    JsonNode body = body(ctx);
    String name = text(body, "name");
    String expires = text(body, "expiresAt");
    Optional<Instant> expiresAt;
    try {
      expiresAt = Optional.ofNullable(expires).map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw new ApiError(
          400, "invalid", "expiresAt: an ISO-8601 instant, e.g. 2027-01-31T00:00:00Z");
    }
    Caller caller = AccessHandler.caller(ctx);
    run(
        ctx,
        () -> {
          Accounts.CreatedToken created = accounts.createToken(name, expiresAt, caller);
          return TokenView.of(created.token(), created.secret());
        },
        201,
        null);
  }

  private void deleteToken(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Caller caller = AccessHandler.caller(ctx);
    run(
        ctx,
        () -> {
          accounts.deleteToken(id, caller);
          return Map.of("id", id, "deleted", true);
        },
        200,
        null);
  }

  /** Runs {@code work} on a worker, answering {@code status} and its value as JSON. */
  private void run(RoutingContext ctx, Callable<Object> work, int status, Runnable before) {
    blocking.run(
        ctx,
        () -> {
          try {
            return work.call();
          } catch (AccessException e) {
            throw translate(e);
          }
        },
        value -> {
          if (before != null) {
            before.run();
          }
          Json.send(ctx, status, value);
        });
  }

  static ApiError translate(AccessException e) {
    return switch (e.kind()) {
      case INVALID -> new ApiError(400, "invalid", e.getMessage());
      case CONFLICT -> new ApiError(409, "conflict", e.getMessage());
      case NOT_FOUND -> new ApiError(404, "not_found", e.getMessage());
    };
  }

  record UserView(String name, String role, Instant createdAt) {}

  private static UserView view(UserRecord u) {
    return new UserView(u.name(), u.role().wireName(), u.createdAt());
  }

  /** A personal token as listed; {@code token} (the secret) only in the answer that made it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TokenView(String id, String name, String token, Instant createdAt, Instant expiresAt) {
    static TokenView of(TokenRecord t, String secret) {
      return new TokenView(t.id(), t.name(), secret, t.createdAt(), t.expiresAt().orElse(null));
    }
  }

  static JsonNode body(RoutingContext ctx) {
    if (ctx.body().buffer() == null || ctx.body().length() == 0) {
      throw new ApiError(400, "invalid", "a JSON object body is required");
    }
    try {
      JsonNode n = WireJson.mapper().readTree(ctx.body().buffer().getBytes());
      if (n == null || !n.isObject()) {
        throw new ApiError(400, "malformed", "the body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new ApiError(400, "malformed", "the body is not JSON");
    }
  }

  static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() || !n.isTextual() ? null : n.asText();
  }
}
