package dev.skerry.hub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.core.wire.WireJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON answers with the shared mapper (ISO-8601 instants). */
final class Json {
  private Json() {}

  static void send(RoutingContext ctx, int status, Object body) {
    byte[] bytes;
    try {
      bytes = WireJson.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      ctx.fail(e);
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(bytes));
  }
}
