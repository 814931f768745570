package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code describe device} view. */
final class DeviceDescriber {
  private DeviceDescriber() {}

  static String describe(JsonNode d, Instant now) {
    return describe(d, null, now);
  }

  /**
   * @param events the device's recent events ({@code {"items":[...]}}, newest first); null if the
   *     hub could not say (an older hub)
   */
  static String describe(JsonNode d, JsonNode events, Instant now) {
    Fields f = new Fields();
    f.field("ID", Json.text(d, "id", ""));
    f.field("Online", DeviceTable.online(d));
    if (d.path("stale").asBoolean(false)) {
      f.field("Stale", "yes (no report or heartbeat for too long)");
    }
    String lastSeen = Json.text(d, "lastSeen", null);
    f.field(
        "Last seen",
        lastSeen == null ? "<never>" : lastSeen + " (" + Ago.of(lastSeen, now) + " ago)");
    f.field("Agent version", Json.text(d, "agentVersion", "<unknown>"));
    f.field("Labels", labelLines(d.path("labels")));
    f.field("Desired revision", Json.text(d, "desiredRevision", "-"));
    f.field("Applied revision", Json.text(d, "appliedRevision", "-"));
    if (events != null) {
      f.field("Events", eventLines(events.path("items")));
    }
    JsonNode workloads = d.path("workloads");
    if (workloads.size() == 0) {
      f.field("Workloads", "<none>");
      return f.render();
    }
    Fields ws =
        f.section(
            "Workloads ("
                + DeviceTable.running(workloads)
                + " of "
                + workloads.size()
                + " running)");
    for (JsonNode w : workloads) {
      Fields one = ws.section(Json.text(w, "name", "?"));
      one.field("Deployment", Json.text(w, "deployment", ""));
      String digest = Json.text(w, "imageDigest", null);
      one.field("Image", Json.text(w, "image", "") + (digest == null ? "" : " (" + digest + ")"));
      one.field("State", Json.text(w, "state", "<unknown>"));
      one.field("Health", Json.text(w, "health", "<unknown>"));
      one.field("Restarts", Json.text(w, "restarts", "0"));
      one.field("Message", Json.text(w, "message", ""));
    }
    return f.render();
  }

  /** One line per event: time, workload (or {@code -}), kind, message. */
  static List<String> eventLines(JsonNode items) {
    List<String> lines = new ArrayList<>();
    for (JsonNode e : items) {
      lines.add(
          Json.text(e, "at", "?")
              + "  "
              + Json.text(e, "workload", "-")
              + "  "
              + Json.text(e, "kind", "?")
              + "  "
              + Json.text(e, "message", ""));
    }
    if (lines.isEmpty()) {
      lines.add("<none>");
    }
    return lines;
  }

  static List<String> labelLines(JsonNode labels) {
    List<String> lines = new ArrayList<>();
    Json.stringMap(labels).forEach((k, v) -> lines.add(k + "=" + v));
    return lines;
  }
}
