package dev.skerry.hub.api;

import dev.skerry.core.wire.Command;
import dev.skerry.core.wire.CommandResponse;
import dev.skerry.hub.fleet.FleetService;
import dev.skerry.hub.mqtt.CommandClient;
import dev.skerry.hub.store.DeviceRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Commands to one workload on one device, answered by the device over MQTT: {@code POST
 * /api/v1/devices/{id}/workloads/{name}/restart} and {@code GET .../logs?tail=N}. The request waits
 * for the device's answer up to {@code timeout}; then 504.
 */
final class CommandRoutes {
  static final int MAX_TAIL = 10_000;

  private final FleetService fleet;
  private final CommandClient commands;
  private final Duration timeout;
  private final Blocking blocking;

  CommandRoutes(FleetService fleet, CommandClient commands, Duration timeout, Blocking blocking) {
    this.fleet = fleet;
    this.commands = commands;
    this.timeout = timeout;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.post("/api/v1/devices/:id/workloads/:name/restart").handler(this::restart);
    router.get("/api/v1/devices/:id/workloads/:name/logs").handler(this::logs);
    router.delete("/api/v1/devices/:id/volumes/:name").handler(this::deleteVolume);
  }

  /** The device deletes the volume and its data; 502 {@code failed} while a container uses it. */
  private void deleteVolume(RoutingContext ctx) {
    call(ctx, Command.DELETE_VOLUME, null);
  }

  private void restart(RoutingContext ctx) {
    call(ctx, Command.RESTART, null);
  }

  private void logs(RoutingContext ctx) {
    String raw = ctx.queryParams().get("tail");
    int tail;
    try {
      tail = raw == null ? 100 : Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      tail = -1;
    }
    if (tail < 1 || tail > MAX_TAIL) {
      throw new ApiError(400, "invalid", "tail must be a number from 1 to " + MAX_TAIL);
    }
    call(ctx, Command.LOGS, tail);
  }

  private void call(RoutingContext ctx, String name, Integer tail) {
    String id = ctx.pathParam("id");
    String workload = ctx.pathParam("name");
    blocking.runAsync(
        ctx,
        () -> {
          DeviceRecord d = fleet.device(id).orElseThrow(() -> DeviceRoutes.notFound(id));
          if (!d.online()) {
            throw new ApiError(
                503, "device_offline", "device '" + id + "' is offline; it cannot answer now");
          }
          return commands
              .call(id, name, workload, tail, timeout)
              .exceptionallyCompose(e -> CompletableFuture.failedFuture(translate(e, id)));
        },
        AccessHandler.auditedThen(
            ctx,
            blocking,
            AccessHandler.entry(
                ctx,
                Command.RESTART.equals(name) ? "workload.restart" : "logs.read",
                "device/" + id + "/workload/" + workload),
            answer -> Json.send(ctx, status(answer), body(workload, answer))));
  }

  private ApiError translate(Throwable e, String id) {
    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
    if (cause instanceof TimeoutException) {
      return new ApiError(
          504,
          "device_timeout",
          "device '" + id + "' did not answer within " + timeout.toSeconds() + " s");
    }
    return new ApiError(502, "device_error", String.valueOf(cause.getMessage()));
  }

  private static int status(CommandResponse r) {
    return switch (r.status()) {
      case CommandResponse.OK -> 200;
      case CommandResponse.NOT_FOUND -> 404;
      case CommandResponse.BAD_REQUEST -> 400;
      default -> 502;
    };
  }

  private static Map<String, Object> body(String workload, CommandResponse r) {
    if (!CommandResponse.OK.equals(r.status())) {
      return Map.of(
          "error", Map.of("code", r.status(), "message", r.message() == null ? "" : r.message()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workload", workload);
    if (r.message() != null) {
      body.put("message", r.message());
    }
    body.put("lines", r.lines());
    return body;
  }
}
