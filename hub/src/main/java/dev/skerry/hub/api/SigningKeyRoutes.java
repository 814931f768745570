package dev.skerry.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.deploy.KeyRotation;
import dev.skerry.hub.security.SigningKeys;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Signing-key rotation (docs/security.md): {@code POST /api/v1/signing-keys/rotate} {@code
 * {"graceSeconds": n}} starts one (409 {@code rotation_in_progress} while one runs), {@code GET
 * /api/v1/signing-keys} shows each key's state and how many devices still need the old one. Admin.
 */
final class SigningKeyRoutes {
  private final KeyRotation rotation;
  private final SigningKeys keys;

  SigningKeyRoutes(KeyRotation rotation, SigningKeys keys) {
    this.rotation = rotation;
    this.keys = keys;
  }

  void mount(Router router, Blocking blocking) {
    router
        .get("/api/v1/signing-keys")
        .handler(ctx -> blocking.run(ctx, keys::status, s -> Json.send(ctx, 200, view(s))));
    router.post("/api/v1/signing-keys/rotate").handler(ctx -> rotate(ctx, blocking));
  }

  private void rotate(RoutingContext ctx, Blocking blocking) {
    Duration grace = grace(ctx);
    blocking.run(
        ctx,
        () -> {
          try {
            return rotation.rotate(grace).join();
          } catch (CompletionException e) {
            if (e.getCause() instanceof IllegalStateException busy) {
              throw new ApiError(409, "rotation_in_progress", busy.getMessage());
            }
            throw e;
          }
        },
        s -> Json.send(ctx, 202, view(s)));
  }

  private static Duration grace(RoutingContext ctx) {
    if (ctx.body().buffer() == null || ctx.body().length() == 0) {
      return KeyRotation.DEFAULT_GRACE;
    }
    JsonNode body;
    try {
      body = WireJson.mapper().readTree(ctx.body().buffer().getBytes());
    } catch (java.io.IOException e) {
      throw new ApiError(400, "malformed", "the body is not JSON");
    }
    if (body == null || !body.isObject()) {
      throw new ApiError(400, "malformed", "the body must be a JSON object");
    }
    JsonNode g = body.get("graceSeconds");
    if (g == null || g.isNull()) {
      return KeyRotation.DEFAULT_GRACE;
    }
    if (!g.canConvertToLong() || !g.isIntegralNumber() || g.asLong() < 0) {
      throw new ApiError(400, "invalid", "graceSeconds must be a whole number of seconds, >= 0");
    }
    Duration grace = Duration.ofSeconds(g.asLong());
    if (grace.compareTo(KeyRotation.MAX_GRACE) > 0) {
      throw new ApiError(
          400, "invalid", "graceSeconds is at most " + KeyRotation.MAX_GRACE.toSeconds());
    }
    return grace;
  }

  static Map<String, Object> view(SigningKeys.Status s) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (SigningKeys.KeyView k : s.keys()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("keyId", k.keyId());
      m.put("state", k.state());
      m.put("createdAt", k.createdAt().toString());
      k.retireBy().ifPresent(t -> m.put("retireBy", t.toString()));
      k.retiredAt().ifPresent(t -> m.put("retiredAt", t.toString()));
      list.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rotating", s.rotating());
    out.put("devicesInRotation", s.devicesInRotation());
    out.put("devicesNeedingOldKey", s.devicesNeedingOldKey());
    out.put("keys", list);
    return out;
  }
}
