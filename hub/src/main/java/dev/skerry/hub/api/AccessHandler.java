package dev.skerry.hub.api;

import dev.skerry.core.concurrent.RunsOnEventLoop;
import dev.skerry.hub.access.AccessStore.AuditEntry;
import dev.skerry.hub.access.Accounts;
import dev.skerry.hub.access.Caller;
import dev.skerry.hub.access.Principal;
import dev.skerry.hub.access.Role;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who calls, and whether their role may: for every {@code /api/} request, the bearer token
 * (Authorization header) or the console's session cookie is resolved to a {@link Principal}, then
 * checked against {@link RouteRoles}. 401 {@code unauthorized} without a valid credential, 403
 * {@code forbidden} naming the role needed. A write with the cookie must also carry {@link
 * #CSRF_HEADER} (a page of another site can send the cookie, but not a custom header).
 */
final class AccessHandler {
  /** The console's session cookie. */
  static final String COOKIE = "skerry_session";

  /** The header a cookie-authenticated write must carry. */
  static final String CSRF_HEADER = "X-Skerry-Csrf";

  private static final String PRINCIPAL = "skerry.principal";
  private static final String ACCOUNTS = "skerry.accounts";

  private final Accounts accounts;
  private final Blocking blocking;

  AccessHandler(Accounts accounts, Blocking blocking) {
    this.accounts = accounts;
    this.blocking = blocking;
  }

  @RunsOnEventLoop
  void handle(RoutingContext ctx) {
    Optional<RouteRoles.Rule> rule =
        RouteRoles.find(ctx.request().method().name(), ctx.normalizedPath());
    if (rule.isPresent() && rule.get().role().isEmpty()) {
      ctx.next();
      return;
    }
    // A route not in the table answers 404 / 405, but only to a caller with a valid credential.
    Role required = rule.flatMap(RouteRoles.Rule::role).orElse(Role.VIEWER);
    String header = ctx.request().getHeader("Authorization");
    String secret = bearer(header);
    boolean byCookie = false;
    if (secret == null && header == null) {
      Cookie cookie = ctx.request().getCookie(COOKIE);
      if (cookie != null && !cookie.getValue().isEmpty()) {
        secret = cookie.getValue();
        byCookie = true;
      }
    }
    if (secret == null) {
      ErrorResponses.send(
          ctx,
          new ApiError(
              401,
              "unauthorized",
              header == null
                  ? "missing Authorization: Bearer <token>"
                  : "the bearer token is not valid"));
      return;
    }
    HttpMethod method = ctx.request().method();
    if (byCookie
        && method != HttpMethod.GET
        && method != HttpMethod.HEAD
        && ctx.request().getHeader(CSRF_HEADER) == null) {
      ErrorResponses.send(
          ctx,
          new ApiError(
              403,
              "csrf",
              "a write with the session cookie must carry the " + CSRF_HEADER + " header"));
      return;
    }
    String presented = secret;
    // The body arrives while the credential is looked up; hold it for the body handler.
    ctx.request().pause();
    blocking.run(
        ctx,
        () -> accounts.authenticate(presented),
        principal -> {
          if (principal.isEmpty()) {
            ctx.request().resume();
            ErrorResponses.send(
                ctx,
                new ApiError(
                    401,
                    "unauthorized",
                    "the " + (header == null ? "session" : "bearer token") + " is not valid"));
          } else if (!principal.get().role().covers(required)) {
            ctx.request().resume();
            Json.send(ctx, 403, forbidden(required));
          } else {
            ctx.put(PRINCIPAL, principal.get());
            ctx.put(ACCOUNTS, accounts);
            ctx.next();
            ctx.request().resume();
          }
        });
  }

  /** The caller of a request that passed this handler. */
  static Caller caller(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw new IllegalStateException("no principal: the route is not behind the access check");
    }
    return callerAs(ctx, p);
  }

  /** The audit entry for {@code action} on {@code object} by this request's caller, now. */
  static AuditEntry entry(RoutingContext ctx, String action, String object) {
    return caller(ctx).entry(action, object, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * A reply that first appends {@code entry} to the audit trail (on a worker), for a change that
   * lives outside the hub's database (a device's answer) or in a store of its own; then {@code
   * reply}.
   */
  static <T> Consumer<T> auditedThen(
      RoutingContext ctx, Blocking blocking, AuditEntry entry, Consumer<T> reply) {
    Accounts accounts = ctx.get(ACCOUNTS);
    return value ->
        blocking.run(
            ctx,
            () -> {
              accounts.audit(entry);
              return value;
            },
            reply);
  }

  /** A caller with the request's address and user agent. */
  static Caller callerAs(RoutingContext ctx, Principal p) {
    var remote = ctx.request().remoteAddress();
    return new Caller(
        p, remote == null ? null : remote.hostAddress(), ctx.request().getHeader("User-Agent"));
  }

  /** The secret of an {@code Authorization: Bearer} header; null if none. */
  static String bearer(String header) {
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim()
        : null;
  }

  static ForbiddenBody forbidden(Role required) {
    return new ForbiddenBody(
        new ForbiddenBody.Error(
            "forbidden",
            "this needs the role '" + required.wireName() + "' or higher",
            List.of(),
            required.wireName()));
  }

  /** The 403 answer: the usual error shape plus the role needed. */
  record ForbiddenBody(Error error) {
    record Error(String code, String message, List<String> details, String required) {}
  }
}
