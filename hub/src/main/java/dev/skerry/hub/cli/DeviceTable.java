package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code get devices} table; {@code wide} adds AGENT and RESTARTS. */
final class DeviceTable {
  private DeviceTable() {}

  static Table of(List<JsonNode> devices, boolean wide, Instant now) {
    List<String> headers =
        new ArrayList<>(
            List.of("ID", "ONLINE", "LABELS", "DESIRED", "APPLIED", "WORKLOADS", "LAST SEEN"));
    if (wide) {
      headers.addAll(List.of("AGENT", "RESTARTS"));
    }
    Table table = new Table(headers);
    for (JsonNode d : devices) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  Json.text(d, "id", ""),
                  online(d),
                  Json.labels(Json.stringMap(d.path("labels")), "<none>"),
                  Json.text(d, "desiredRevision", "-"),
                  Json.text(d, "appliedRevision", "-"),
                  running(d.path("workloads")) + "/" + d.path("workloads").size(),
                  Ago.of(Json.text(d, "lastSeen", null), now)));
      if (wide) {
        row.add(Json.text(d, "agentVersion", "<unknown>"));
        row.add(Long.toString(restarts(d.path("workloads"))));
      }
      table.row(row);
    }
    return table;
  }

  static String online(JsonNode device) {
    JsonNode online = device.path("online");
    return online.isBoolean() ? (online.asBoolean() ? "yes" : "no") : "<unknown>";
  }

  static long running(JsonNode workloads) {
    long n = 0;
    for (JsonNode w : workloads) {
      n += "running".equals(w.path("state").asText()) ? 1 : 0;
    }
    return n;
  }

  private static long restarts(JsonNode workloads) {
    long n = 0;
    for (JsonNode w : workloads) {
      n += w.path("restarts").asLong();
    }
    return n;
  }
}
