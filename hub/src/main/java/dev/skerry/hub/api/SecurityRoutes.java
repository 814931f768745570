package dev.skerry.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.deploy.KeyRotation;
import dev.skerry.hub.security.Enrollment;
import dev.skerry.hub.security.EnrollmentException;
import dev.skerry.hub.security.ExpiredRenewals;
import dev.skerry.hub.security.IdentityStore;
import dev.skerry.hub.security.IdentityStore.RenewalRequest;
import dev.skerry.hub.security.JoinTokens;
import dev.skerry.hub.security.Revocations;
import dev.skerry.hub.security.SigningKeys;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Identity routes (docs/decisions/0010): {@code POST /api/v1/enroll} without a bearer token (the
 * join token is the credential; mounted before the admin check) and {@code POST
 * /api/v1/join-tokens} for the admin. With {@link ExpiredRenewals}: {@code POST /api/v1/renewals}
 * without a bearer token (the old certificate and the CSR's signature are the credential; the
 * answer is at most a certificate, useless without the device's key), and for the admin {@code GET
 * /api/v1/renewals} and {@code POST /api/v1/renewals/{deviceId}/approve} (decision 0012).
 */
public final class SecurityRoutes {
  /** Largest enrollment body (413 above): a CSR and a token are a few hundred bytes. */
  public static final int MAX_ENROLL_BYTES = 16 * 1024;

  private final JoinTokens tokens;
  private final Enrollment enrollment;
  private final Revocations revocations;
  private final ExpiredRenewals renewals;
  private final SigningKeyRoutes signingKeys;

  public SecurityRoutes(
      JoinTokens tokens,
      Enrollment enrollment,
      Revocations revocations,
      ExpiredRenewals renewals,
      KeyRotation rotation,
      SigningKeys keys) {
    this.tokens = tokens;
    this.enrollment = enrollment;
    this.revocations = revocations;
    this.renewals = renewals;
    this.signingKeys = new SigningKeyRoutes(rotation, keys);
  }

  /**
   * Routes that need no bearer token; mounted before the admin check. Enrollment carries a join
   * token and a CSR, and the agent pins the hub CA of its TLS chain: it is served on HTTPS only.
   */
  void mountPublic(Router router, Blocking blocking) {
    router.post("/api/v1/enroll").handler(SecurityRoutes::httpsOnly);
    router
        .post("/api/v1/enroll")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_ENROLL_BYTES))
        .handler(ctx -> enroll(ctx, blocking));
    if (renewals != null) {
      router
          .post("/api/v1/renewals")
          .handler(BodyHandler.create(false).setBodyLimit(MAX_ENROLL_BYTES))
          .handler(ctx -> requestRenewal(ctx, blocking));
    }
  }

  /** Admin routes; mounted after the admin check. */
  void mountAdmin(Router router, Blocking blocking) {
    router.post("/api/v1/join-tokens").handler(ctx -> createToken(ctx, blocking));
    router.post("/api/v1/devices/:id/revoke").handler(ctx -> revoke(ctx, blocking));
    router.get("/api/v1/devices/:id/identity").handler(ctx -> identity(ctx, blocking));
    if (renewals != null) {
      router.get("/api/v1/renewals").handler(ctx -> listRenewals(ctx, blocking));
      router.post("/api/v1/renewals/:id/approve").handler(ctx -> approveRenewal(ctx, blocking));
    }
    signingKeys.mount(router, blocking);
  }

  /**
   * {@code GET /api/v1/devices/{id}/identity}: the certificate the device enrolled with (serial,
   * expiry) and whether it is revoked; 404 without an enrolled identity.
   */
  private void identity(RoutingContext ctx, Blocking blocking) {
    String id = ctx.pathParam("id");
    blocking.run(
        ctx,
        () -> {
          IdentityStore.IdentityRecord r =
              revocations
                  .identity(id)
                  .orElseThrow(
                      () ->
                          new ApiError(
                              404, "not_found", "device '" + id + "' has no enrolled identity"));
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("deviceId", r.deviceId());
          body.put("serial", r.serial());
          body.put("expiresAt", r.notAfter().toString());
          body.put("enrolledAt", r.enrolledAt().toString());
          body.put("revoked", r.revoked());
          body.put("revokedAt", r.revokedAt().map(Object::toString).orElse(null));
          return body;
        },
        body -> Json.send(ctx, 200, body));
  }

  private void requestRenewal(RoutingContext ctx, Blocking blocking) {
    JsonNode body = body(ctx);
    String csr = text(body, "csr");
    String certificate = text(body, "certificate");
    blocking.run(
        ctx,
        () -> refusedAsApiError(() -> renewals.request(csr, certificate)),
        answer -> {
          if (answer instanceof ExpiredRenewals.Issued issued) {
            Json.send(ctx, 200, issuedView(issued));
          } else {
            Json.send(
                ctx,
                202,
                Map.of(
                    "status",
                    "pending",
                    "deviceId",
                    ((ExpiredRenewals.Pending) answer).deviceId()));
          }
        });
  }

  private void listRenewals(RoutingContext ctx, Blocking blocking) {
    blocking.run(
        ctx,
        renewals::pending,
        pending ->
            Json.send(ctx, 200, Map.of("items", pending.stream().map(r -> view(r)).toList())));
  }

  private void approveRenewal(RoutingContext ctx, Blocking blocking) {
    String id = ctx.pathParam("id");
    blocking.run(
        ctx,
        () -> refusedAsApiError(() -> renewals.approve(id)),
        issued -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("deviceId", issued.deviceId());
          v.put("status", "approved");
          v.put("expiresAt", issued.expiresAt().toString());
          Json.send(ctx, 200, v);
        });
  }

  private static <T> T refusedAsApiError(Callable<T> work) throws Exception {
    try {
      return work.call();
    } catch (ExpiredRenewals.Refused e) {
      throw new ApiError(e.status(), e.code(), e.getMessage());
    }
  }

  private static Map<String, Object> issuedView(ExpiredRenewals.Issued issued) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("status", "approved");
    v.put("deviceId", issued.deviceId());
    v.put("certificate", issued.certificate());
    v.put("expiresAt", issued.expiresAt().toString());
    return v;
  }

  private static Map<String, Object> view(RenewalRequest r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("deviceId", r.deviceId());
    v.put("status", "pending");
    v.put("requestedAt", r.requestedAt().toString());
    v.put("oldSerial", r.oldSerial());
    v.put("keyId", Fingerprints.keyId(r.publicKey()));
    return v;
  }

  private static void httpsOnly(RoutingContext ctx) {
    if (ctx.request().isSSL()) {
      ctx.next();
    } else {
      ErrorResponses.send(
          ctx,
          new ApiError(
              403,
              "https_required",
              "enrollment is served only on the hub's HTTPS listener (--https-port)"));
    }
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
