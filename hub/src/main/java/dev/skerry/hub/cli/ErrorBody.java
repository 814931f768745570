package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a 4xx/5xx answer into a {@link CliException} (exit 1): the contract's {@code
 * {"error":{"code","message","details":[...]}}}, or the status line and a snippet of the body when
 * the answer is not in that shape (a proxy's error page, for instance).
 */
final class ErrorBody {
  private static final int SNIPPET = 200;

  private ErrorBody() {}

  static CliException toException(int status, String body, HubSettings settings) {
    JsonNode error = parse(body).path("error");
    String message;
    List<String> details = new ArrayList<>();
    if (error.path("message").isTextual()) {
      message = error.path("message").asText();
      error.path("details").forEach(d -> details.add(detail(d)));
    } else {
      String snippet = body.strip();
      if (snippet.length() > SNIPPET) {
        snippet = snippet.substring(0, SNIPPET) + "...";
      }
      message = "the hub answered HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
    }
    return new CliException(CliException.API_ERROR, message, details, hint(status, settings));
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = Json.JSON.readTree(body);
      return node == null ? Json.JSON.missingNode() : node;
    } catch (java.io.IOException e) {
      return Json.JSON.missingNode();
    }
  }

  /** A detail line: text as is; {field|path, message} as "field: message"; else compact JSON. */
  static String detail(JsonNode d) {
    if (d.isValueNode()) {
      return d.asText();
    }
    String where = Json.text(d, "field", Json.text(d, "path", null));
    String message = Json.text(d, "message", null);
    if (message != null) {
      return where == null ? message : where + ": " + message;
    }
    return Json.compact(d);
  }

  private static String hint(int status, HubSettings settings) {
    if (status != 401) {
      return null;
    }
    if (settings.token() == null) {
      return "no token was given: pass --token, --token-file or SKERRY_TOKEN"
          + " (the hub writes its admin token to <data-dir>/admin.token)";
    }
    return "the hub rejected the token from " + settings.tokenSource();
  }
}
