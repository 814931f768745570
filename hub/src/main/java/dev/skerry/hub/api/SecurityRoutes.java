package dev.skerry.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.security.Enrollment;
import dev.skerry.hub.security.EnrollmentException;
import dev.skerry.hub.security.JoinTokens;
import dev.skerry.hub.security.Revocations;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Identity routes (docs/decisions/0010): {@code POST /api/v1/enroll} without a bearer token (the
 * join token is the credential; mounted before the admin check) and {@code POST
 * /api/v1/join-tokens} for the admin.
 */
public final class SecurityRoutes {
  /** Largest enrollment body (413 above): a CSR and a token are a few hundred bytes. */
  public static final int MAX_ENROLL_BYTES = 16 * 1024;

  private final JoinTokens tokens;
  private final Enrollment enrollment;
  private final Revocations revocations;

  public SecurityRoutes(JoinTokens tokens, Enrollment enrollment, Revocations revocations) {
    this.tokens = tokens;
    this.enrollment = enrollment;
    this.revocations = revocations;
  }

  /** Routes that need no bearer token; mounted before the admin check. */
  void mountPublic(Router router, Blocking blocking) {
    router
        .post("/api/v1/enroll")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_ENROLL_BYTES))
        .handler(ctx -> enroll(ctx, blocking));
  }

  /** Admin routes; mounted after the admin check. */
  void mountAdmin(Router router, Blocking blocking) {
    router.post("/api/v1/join-tokens").handler(ctx -> createToken(ctx, blocking));
    router.post("/api/v1/devices/:id/revoke").handler(ctx -> revoke(ctx, blocking));
  }

  private void revoke(RoutingContext ctx, Blocking blocking) {
    String id = ctx.pathParam("id");
    blocking.run(
        ctx,
        () ->
            revocations
                .revoke(id)
                .orElseThrow(
                    () ->
                        new ApiError(
                            404, "not_found", "device '" + id + "' has no enrolled identity")),
        AccessHandler.auditedThen(
            ctx,
            blocking,
            AccessHandler.entry(ctx, "device.revoke", "device/" + id),
            at -> Json.send(ctx, 200, Map.of("deviceId", id, "revokedAt", at.toString()))));
  }

  private void enroll(RoutingContext ctx, Blocking blocking) {
    JsonNode body = body(ctx);
    String token = text(body, "token");
    String csr = text(body, "csr");
    blocking.run(
        ctx,
        () -> {
          try {
            return enrollment.enroll(token, csr);
          } catch (EnrollmentException e) {
            throw new ApiError(e.status(), e.code(), e.getMessage());
          }
        },
        enrolled -> Json.send(ctx, 200, enrolled));
  }

  private void createToken(RoutingContext ctx, Blocking blocking) {
    JsonNode body = body(ctx);
    Long ttl = body.hasNonNull("ttlSeconds") ? body.get("ttlSeconds").asLong() : null;
    Integer uses = body.hasNonNull("uses") ? body.get("uses").asInt() : null;
    String deviceId = text(body, "deviceId");
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode l = body.get("labels");
    if (l != null && !l.isNull()) {
      if (!l.isObject()) {
        throw new ApiError(400, "invalid", "labels must be an object of strings");
      }
      l.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    }
    blocking.run(
        ctx,
        () -> {
          try {
            return tokens.create(ttl, labels, deviceId, uses);
          } catch (IllegalArgumentException e) {
            throw new ApiError(400, "invalid", e.getMessage());
          }
        },
        AccessHandler.<JoinTokens.Created>auditedThen(
            ctx,
            blocking,
            AccessHandler.entry(
                ctx, "join-token.create", "join-token/" + (deviceId == null ? "*" : deviceId)),
            created ->
                Json.send(
                    ctx,
                    201,
                    Map.of(
                        "token", created.token(), "expiresAt", created.expiresAt().toString()))));
  }

  private static JsonNode body(RoutingContext ctx) {
    if (ctx.body().buffer() == null || ctx.body().length() == 0) {
      return WireJson.mapper().createObjectNode();
    }
    try {
      JsonNode n = WireJson.mapper().readTree(ctx.body().buffer().getBytes());
      if (n == null || !n.isObject()) {
        throw new ApiError(400, "malformed", "the body must be a JSON object");
      }
      return n;
    } catch (java.io.IOException e) {
      throw new ApiError(400, "malformed", "the body is not JSON");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
