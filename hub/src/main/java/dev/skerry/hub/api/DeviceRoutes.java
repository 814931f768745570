package dev.skerry.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.labels.Labels;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.fleet.DeviceEvents;
import dev.skerry.hub.fleet.DevicePage;
import dev.skerry.hub.fleet.DeviceQuery;
import dev.skerry.hub.fleet.FleetService;
import dev.skerry.hub.fleet.Staleness;
import dev.skerry.hub.store.DeviceRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /api/v1/devices}: list (filtered, paged), get, set operator labels, events. */
final class DeviceRoutes {
  /** Events returned when no {@code limit} is given, and the most returned. */
  static final int DEFAULT_EVENTS = 50;

  static final int MAX_EVENTS = 1000;

  private final FleetService fleet;
  private final DeviceEvents events;
  private final Staleness staleness;
  private final Clock clock;
  private final Blocking blocking;

  DeviceRoutes(
      FleetService fleet,
      DeviceEvents events,
      Staleness staleness,
      Clock clock,
      Blocking blocking) {
    this.fleet = fleet;
    this.events = events;
    this.staleness = staleness;
    this.clock = clock;
    this.blocking = blocking;
  }

  private DeviceView view(DeviceRecord d, long desiredRevision) {
    return DeviceView.of(d, desiredRevision, staleness.isStale(d, clock.instant()));
  }

  void mount(Router router) {
    router.get("/api/v1/devices").handler(this::list);
    router.get("/api/v1/devices/:id").handler(this::get);
    router.get("/api/v1/devices/:id/events").handler(this::events);
    router.put("/api/v1/devices/:id/labels").handler(this::putLabels);
  }

  private void list(RoutingContext ctx) {
    Map<String, List<String>> params = new HashMap<>();
    ctx.queryParams()
        .forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    DeviceQuery query = DeviceListParams.parse(params);
    blocking.run(
        ctx,
        () -> {
          DevicePage page = fleet.page(query);
          // Per device, not fleet.desiredRevisions(): a page must not read every document.
          Map<String, Object> body = new LinkedHashMap<>();
          body.put(
              "items",
              page.items().stream().map(d -> view(d, fleet.desiredRevision(d.id()))).toList());
          if (page.lastId() != null) {
            body.put("continue", DeviceListParams.token(page.lastId()));
          }
          return body;
        },
        body -> Json.send(ctx, 200, body));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking.run(
        ctx,
        () ->
            fleet
                .device(id)
                .map(d -> view(d, fleet.desiredRevision(id)))
                .orElseThrow(() -> notFound(id)),
        view -> Json.send(ctx, 200, view));
  }

  private void putLabels(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    blocking.runAsync(
        ctx,
        () ->
            fleet.setLabels(
                id, labels(body), AccessHandler.entry(ctx, "device.labels", "device/" + id)),
        updated -> {
          if (updated.isEmpty()) {
            ctx.fail(notFound(id));
            return;
          }
          var device = updated.get();
          blocking.run(
              ctx,
              () -> view(device, fleet.desiredRevision(id)),
              view -> Json.send(ctx, 200, view));
        });
  }

  /** {@code GET /api/v1/devices/{id}/events?limit=N}: the newest events, newest first. */
  private void events(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    int limit = limit(ctx.queryParams().get("limit"));
    blocking.run(
        ctx,
        () -> {
          if (fleet.device(id).isEmpty()) {
            throw notFound(id);
          }
          return Map.of("items", events.recent(id, limit));
        },
        body -> Json.send(ctx, 200, body));
  }

  static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_EVENTS;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX_EVENTS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(
        400, "invalid", "limit must be a number from 1 to " + MAX_EVENTS + ", got '" + raw + "'");
  }

  static ApiError notFound(String id) {
    return new ApiError(404, "not_found", "device '" + id + "' is not known to this hub");
  }

  /** Parses {@code {"k":"v",...}}; values must be strings. */
  static Map<String, String> labels(byte[] body) {
    JsonNode tree;
    try {
      tree = WireJson.mapper().readTree(body);
    } catch (IOException e) {
      throw new ApiError(400, "malformed", "the body is not valid JSON", List.of(e.getMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw new ApiError(400, "malformed", "the body must be a JSON object of labels");
    }
    Map<String, String> labels = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().isBlank()) {
        errors.add("label keys must not be empty");
      } else if (!e.getValue().isTextual()) {
        errors.add(e.getKey() + ": must be a string");
      } else {
        labels.put(e.getKey(), e.getValue().asText());
      }
    }
    // The same syntax as the agent's own labels and the selectors that match them.
    for (var problem : Labels.validate("labels", labels)) {
      errors.add(problem.toString());
    }
    if (!errors.isEmpty()) {
      throw new ApiError(400, "invalid", "the labels are not valid", errors);
    }
    return labels;
  }
}
