package dev.skerry.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.hub.fleet.FleetService;
import dev.skerry.proto.msg.WireJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /api/v1/devices}: list, get, set operator labels. */
final class DeviceRoutes {
  private final FleetService fleet;
  private final Blocking blocking;

  DeviceRoutes(FleetService fleet, Blocking blocking) {
    this.fleet = fleet;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/v1/devices").handler(this::list);
    router.get("/api/v1/devices/:id").handler(this::get);
    router.put("/api/v1/devices/:id/labels").handler(this::putLabels);
  }

  private void list(RoutingContext ctx) {
    blocking.run(
        ctx,
        () -> {
          Map<String, Long> revisions = fleet.desiredRevisions();
          return fleet.devices().stream()
              .map(d -> DeviceView.of(d, revisions.getOrDefault(d.id(), 0L)))
              .toList();
        },
        items -> Json.send(ctx, 200, Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking.run(
        ctx,
        () ->
            fleet
                .device(id)
                .map(d -> DeviceView.of(d, fleet.desiredRevisions().getOrDefault(id, 0L)))
                .orElseThrow(() -> notFound(id)),
        view -> Json.send(ctx, 200, view));
  }

  private void putLabels(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    blocking.runAsync(
        ctx,
        () -> fleet.setLabels(id, labels(body)),
        updated -> {
          if (updated.isEmpty()) {
            ctx.fail(notFound(id));
            return;
          }
          var device = updated.get();
          blocking.run(
              ctx,
              () -> DeviceView.of(device, fleet.desiredRevisions().getOrDefault(id, 0L)),
              view -> Json.send(ctx, 200, view));
        });
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
    if (!errors.isEmpty()) {
      throw new ApiError(400, "invalid", "the labels are not valid", errors);
    }
    return labels;
  }
}
