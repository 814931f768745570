package dev.skerry.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.skerry.hub.access.Principal;
import dev.skerry.hub.deploy.DeployService;
import dev.skerry.hub.deploy.Deployment;
import dev.skerry.hub.deploy.DeploymentParser;
import dev.skerry.hub.rollout.Rollout;
import dev.skerry.hub.store.DeploymentRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** {@code /api/v1/deployments}: apply (PUT by name, POST), list, get, delete, revisions. */
final class DeploymentRoutes {
  private final DeployService deploy;
  private final Blocking blocking;

  DeploymentRoutes(DeployService deploy, Blocking blocking) {
    this.deploy = deploy;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/v1/deployments").handler(this::list);
    router.post("/api/v1/deployments").handler(ctx -> apply(ctx, null));
    router.get("/api/v1/deployments/:name").handler(this::get);
    router.put("/api/v1/deployments/:name").handler(ctx -> apply(ctx, ctx.pathParam("name")));
    router.delete("/api/v1/deployments/:name").handler(this::delete);
    router.get("/api/v1/deployments/:name/revisions").handler(this::revisions);
    router
        .post("/api/v1/deployments/:name/pause")
        .handler(ctx -> rollout(ctx, "pause", deploy::pause));
    router
        .post("/api/v1/deployments/:name/resume")
        .handler(ctx -> rollout(ctx, "resume", deploy::resume));
    router
        .post("/api/v1/deployments/:name/rollback")
        .handler(ctx -> rollout(ctx, "rollback", deploy::rollback));
  }

  /** Pause, resume or rollback: 404 for an unknown deployment, 409 when the state forbids it. */
  private void rollout(
      RoutingContext ctx,
      String verb,
      Function<String, CompletableFuture<Optional<Rollout>>> action) {
    String name = ctx.pathParam("name");
    var audit = AccessHandler.entry(ctx, "rollout." + verb, "deployment/" + name);
    blocking.runAsync(
        ctx,
        () ->
            action
                .apply(name)
                .handle(
                    (result, error) -> {
                      if (error != null) {
                        Throwable cause =
                            error instanceof CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        if (cause instanceof IllegalStateException) {
                          throw new ApiError(409, "conflict", cause.getMessage());
                        }
                        throw error instanceof RuntimeException re
                            ? re
                            : new CompletionException(error);
                      }
                      return result.orElseThrow(() -> notFound(name));
                    }),
        r ->
            AccessHandler.<Rollout>auditedThen(
                    ctx,
                    blocking,
                    audit.withRevision(r.revision()),
                    done ->
                        Json.send(
                            ctx,
                            200,
                            Map.of(
                                "name", done.name(),
                                "revision", done.revision(),
                                "stableRevision", done.stableRevision(),
                                "state", done.state())))
                .accept(r));
  }

  /** The revision history; {@code createdAt} is when that revision was applied. */
  private void revisions(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    blocking.run(
        ctx,
        () -> {
          List<DeploymentRecord> history = deploy.revisions(name);
          if (history.isEmpty()) {
            throw notFound(name);
          }
          return history.stream()
              .map(
                  r ->
                      new RevisionView(r.revision(), r.contentHash(), r.updatedAt(), r.appliedBy()))
              .toList();
        },
        items -> Json.send(ctx, 200, Map.of("items", items)));
  }

  /** One entry of {@code GET .../revisions}; {@code appliedBy} is null for older revisions. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RevisionView(long revision, String contentHash, Instant createdAt, String appliedBy) {}

  private void list(RoutingContext ctx) {
    blocking.run(
        ctx,
        () -> deploy.list().stream().map(DeploymentView::of).toList(),
        items -> Json.send(ctx, 200, Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    blocking.run(
        ctx,
        () -> deploy.get(name).map(DeploymentView::of).orElseThrow(() -> notFound(name)),
        view -> Json.send(ctx, 200, view));
  }

  private void apply(RoutingContext ctx, String pathName) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    boolean yaml = isYaml(ctx.request().getHeader("Content-Type"));
    blocking.runAsync(
        ctx,
        () -> {
          Deployment d = named(DeploymentParser.parse(body, yaml), pathName);
          return deploy.apply(
              d,
              actor(ctx),
              AccessHandler.entry(ctx, "deployment.apply", "deployment/" + d.name()));
        },
        result ->
            Json.send(
                ctx,
                200,
                Map.of(
                    "name", result.name(),
                    "revision", result.revision(),
                    "changed", result.changed())));
  }

  private void delete(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    blocking.runAsync(
        ctx,
        () ->
            deploy.delete(
                name, AccessHandler.entry(ctx, "deployment.delete", "deployment/" + name)),
        deleted -> {
          if (!deleted) {
            ctx.fail(notFound(name));
          } else {
            Json.send(ctx, 200, Map.of("name", name, "deleted", true));
          }
        });
  }

  /**
   * Who applies: the signed-in user's name; for the shared admin token file, {@code admin} followed
   * by what the client says of itself in {@code X-Skerry-Actor} (skerryctl sends user@host), cut to
   * 100 printable characters.
   */
  static String actor(RoutingContext ctx) {
    Principal principal = AccessHandler.caller(ctx).principal();
    if (!principal.isAdminToken()) {
      return principal.user();
    }
    String claimed = ctx.request().getHeader(ACTOR_HEADER);
    if (claimed == null || claimed.isBlank()) {
      return "admin";
    }
    String clean = claimed.replaceAll("[^\\x20-\\x7e]", "").strip();
    if (clean.length() > 100) {
      clean = clean.substring(0, 100);
    }
    return clean.isEmpty() ? "admin" : "admin (" + clean + ")";
  }

  /** The header in which a client names the person or tool behind a change. */
  static final String ACTOR_HEADER = "X-Skerry-Actor";

  /** The name in the body must be the one in the path. */
  private static Deployment named(Deployment d, String pathName) {
    if (pathName == null || d.name().equals(pathName)) {
      return d;
    }
    throw new ApiError(
        400,
        "invalid",
        "the deployment is not valid",
        List.of("name: '" + d.name() + "' does not match the path name '" + pathName + "'"));
  }

  private static boolean isYaml(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("application/yaml")
        || type.startsWith("application/x-yaml")
        || type.startsWith("text/yaml");
  }

  static ApiError notFound(String name) {
    return new ApiError(404, "not_found", "deployment '" + name + "' does not exist");
  }
}
