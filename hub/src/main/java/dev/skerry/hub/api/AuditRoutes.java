package dev.skerry.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.skerry.hub.access.AccessStore.AuditQuery;
import dev.skerry.hub.access.AccessStore.AuditRecord;
import dev.skerry.hub.access.Accounts;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/audit?since=&actor=&object=&limit=&cursor=}: the audit trail, oldest first, a
 * page at a time; {@code next} is the cursor of the following page (absent on the last). There is
 * no route that writes it.
 */
final class AuditRoutes {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final Accounts accounts;
  private final Blocking blocking;

  AuditRoutes(Accounts accounts, Blocking blocking) {
    this.accounts = accounts;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/v1/audit").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    AuditQuery query = query(ctx);
    blocking.run(
        ctx,
        () ->
            accounts.audit(
                new AuditQuery(
                    query.since(),
                    query.actor(),
                    query.object(),
                    query.afterId(),
                    query.limit() + 1)),
        found -> {
          boolean more = found.size() > query.limit();
          List<AuditRecord> page = more ? found.subList(0, query.limit()) : found;
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("items", page.stream().map(AuditView::of).toList());
          if (more) {
            body.put("next", Long.toString(page.get(page.size() - 1).id()));
          }
          Json.send(ctx, 200, body);
        });
  }

  static AuditQuery query(RoutingContext ctx) {
    var p = ctx.queryParams();
    Optional<Instant> since;
    try {
      since = Optional.ofNullable(p.get("since")).map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw new ApiError(400, "invalid", "since: an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
    }
    int limit = number(p.get("limit"), DEFAULT_LIMIT, "limit");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ApiError(400, "invalid", "limit: a number from 1 to " + MAX_LIMIT);
    }
    long after = p.get("cursor") == null ? 0 : number(p.get("cursor"), 0, "cursor");
    if (after < 0) {
      throw new ApiError(400, "invalid", "cursor: the 'next' of a previous page");
    }
    return new AuditQuery(
        since,
        Optional.ofNullable(p.get("actor")).filter(s -> !s.isEmpty()),
        Optional.ofNullable(p.get("object")).filter(s -> !s.isEmpty()),
        after,
        limit);
  }

  private static int number(String raw, int fallback, String name) {
    if (raw == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "invalid", name + ": not a number");
    }
  }

  /** One entry as the API shows it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AuditView(
      long id,
      Instant at,
      String actor,
      String credential,
      String action,
      String object,
      String address,
      String userAgent,
      Long revision) {
    static AuditView of(AuditRecord r) {
      var e = r.entry();
      return new AuditView(
          r.id(),
          e.at(),
          e.actor(),
          e.credential(),
          e.action(),
          e.object(),
          e.address(),
          e.userAgent(),
          e.revision());
    }
  }
}
