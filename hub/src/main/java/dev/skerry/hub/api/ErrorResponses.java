package dev.skerry.hub.api;

import dev.skerry.core.concurrent.RunsOnEventLoop;
import dev.skerry.hub.deploy.InvalidInputException;
import dev.skerry.hub.store.StoreException;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures into the error shape: client errors 4xx (don't retry), server errors 5xx. */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /** The router's failure handler; runs on the event loop. */
  @RunsOnEventLoop
  static void handle(RoutingContext ctx) {
    send(ctx, toApiError(ctx.failure(), ctx.statusCode()));
  }

  static void send(RoutingContext ctx, ApiError error) {
    if (ctx.response().ended()) {
      return;
    }
    if (error.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    Json.send(ctx, error.status(), error.body());
  }

  static ApiError toApiError(Throwable failure, int status) {
    Throwable t =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (t instanceof ApiError e) {
      return e;
    }
    if (t instanceof InvalidInputException e) {
      return new ApiError(400, e.code(), e.getMessage(), e.details());
    }
    if (t instanceof StoreException e) {
      LOG.error("Store failure", e);
      return e.retryable()
          ? new ApiError(503, "unavailable", "the database is busy; retry")
          : new ApiError(500, "internal", "the database failed: " + e.getMessage());
    }
    if (t != null) {
      LOG.error("Request failed", t);
      return new ApiError(500, "internal", "internal error: " + t);
    }
    return switch (status) {
      case 400 -> new ApiError(400, "malformed", "the request cannot be read");
      case 404 -> new ApiError(404, "not_found", "no such resource");
      case 405 -> new ApiError(405, "method_not_allowed", "method not allowed on this resource");
      case 413 ->
          new ApiError(
              413, "too_large", "the body is above " + RestServer.MAX_BODY_BYTES + " bytes");
      case 415 -> new ApiError(415, "unsupported_media_type", "use JSON or YAML");
      default -> new ApiError(status < 400 ? 500 : status, "error", "request failed");
    };
  }
}
