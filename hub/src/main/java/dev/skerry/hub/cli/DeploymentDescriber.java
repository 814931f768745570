package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** The {@code describe deployment} and {@code rollout status} views. */
final class DeploymentDescriber {
  private static final Set<String> ROLLOUT_COUNTS =
      Set.of("targeted", "updated", "healthy", "failed");

  private DeploymentDescriber() {}

  static String describe(JsonNode d) {
    Fields f = new Fields();
    f.field("Name", Json.text(d, "name", ""));
    f.field("Revision", Json.text(d, "revision", "-"));
    f.field("Selector", DeploymentTable.selector(d));
    f.field("Strategy", Flat.of(d.path("strategy")));
    if (d.path("rollout").isObject()) {
      rollout(f.section("Rollout"), d.path("rollout"));
    } else {
      f.field("Rollout", "<none>");
    }
    JsonNode workloads = d.path("workloads");
    if (workloads.size() == 0) {
      f.field("Workloads", "<none>");
    } else {
      Fields ws = f.section("Workloads");
      for (JsonNode w : workloads) {
        workload(ws.section(Json.text(w, "name", "?")), w);
      }
    }
    JsonNode conflicts = d.path("conflicts");
    if (conflicts.isArray() && conflicts.size() > 0) {
      Fields cs = f.section("Conflicts");
      conflicts.forEach(c -> cs.text("- " + Flat.of(c)));
    }
    return f.render();
  }

  /** The rollout object: state, the four counts in contract order, then any further fields. */
  static void rollout(Fields f, JsonNode r) {
    f.field("State", Json.text(r, "state", "<unknown>"));
    for (String count : new String[] {"targeted", "updated", "healthy", "failed"}) {
      if (r.has(count)) {
        f.field(Character.toUpperCase(count.charAt(0)) + count.substring(1), r.get(count).asText());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("state")
          && !ROLLOUT_COUNTS.contains(e.getKey())
          && !LISTS.contains(e.getKey())) {
        String key = e.getKey();
        f.field(Character.toUpperCase(key.charAt(0)) + key.substring(1), Flat.of(e.getValue()));
      }
    }
    JsonNode devices = r.path("devices");
    if (devices.isArray() && devices.size() > 0) {
      Fields ds = f.section("Devices");
      for (JsonNode d : devices) {
        ds.text(
            Json.text(d, "id", "?")
                + "  "
                + Json.text(d, "status", "?")
                + "  wave "
                + Json.text(d, "wave", "?")
                + (d.hasNonNull("message") ? "  " + Json.text(d, "message", "") : ""));
      }
    }
    JsonNode events = r.path("events");
    if (events.isArray() && events.size() > 0) {
      Fields es = f.section("Events");
      for (JsonNode e : events) {
        es.text(
            Json.text(e, "at", "?")
                + "  "
                + Json.text(e, "kind", "?")
                + "  "
                + Json.text(e, "message", ""));
      }
    }
  }

  /** Lists the rollout view carries that print as their own sections. */
  private static final Set<String> LISTS = Set.of("devices", "events");

  private static void workload(Fields f, JsonNode w) {
    f.field("Image", Json.text(w, "image", ""));
    if (w.has("command")) {
      f.field("Command", words(w.get("command")));
    }
    if (w.has("args")) {
      f.field("Args", words(w.get("args")));
    }
    if (w.has("env")) {
      f.field("Env", DeviceDescriber.labelLines(w.get("env")));
    }
    String[][] optional = {
      {"restartPolicy", "Restart policy"},
      {"resources", "Resources"},
      {"mounts", "Mounts"},
      {"healthCheck", "Health check"},
      {"network", "Network"}
    };
    for (String[] o : optional) {
      if (w.has(o[0])) {
        f.field(o[1], Flat.of(w.get(o[0])));
      }
    }
  }

  /** A command or argument list as a shell would show it (without quoting). */
  private static String words(JsonNode list) {
    StringJoiner j = new StringJoiner(" ");
    list.forEach(e -> j.add(e.asText()));
    return j.toString();
  }
}
