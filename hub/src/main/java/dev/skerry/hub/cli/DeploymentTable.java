package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The {@code get deployments} table; {@code wide} adds IMAGES and STRATEGY. */
final class DeploymentTable {
  private DeploymentTable() {}

  static Table of(List<JsonNode> deployments, boolean wide) {
    List<String> headers =
        new ArrayList<>(List.of("NAME", "REVISION", "SELECTOR", "WORKLOADS", "ROLLOUT"));
    if (wide) {
      headers.addAll(List.of("IMAGES", "STRATEGY"));
    }
    Table table = new Table(headers);
    for (JsonNode d : deployments) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  Json.text(d, "name", ""),
                  Json.text(d, "revision", "-"),
                  selector(d),
                  Integer.toString(d.path("workloads").size()),
                  rollout(d.path("rollout"))));
      if (wide) {
        row.add(images(d.path("workloads")));
        row.add(Json.text(d.path("strategy"), "type", "-"));
      }
      table.row(row);
    }
    return table;
  }

  /** {@code k=v,...} of {@code selector.matchLabels}; {@code <all>} when empty (it matches all). */
  static String selector(JsonNode deployment) {
    return Json.labels(Json.stringMap(deployment.path("selector").path("matchLabels")), "<all>");
  }

  /** {@code progressing 3/10} (updated of targeted devices), or {@code -} without a rollout. */
  static String rollout(JsonNode rollout) {
    if (!rollout.isObject()) {
      return "-";
    }
    String state = Json.text(rollout, "state", "<unknown>");
    if (rollout.has("targeted")) {
      return state
          + " "
          + rollout.path("updated").asLong()
          + "/"
          + rollout.path("targeted").asLong();
    }
    return state;
  }

  private static String images(JsonNode workloads) {
    StringJoiner j = new StringJoiner(",");
    workloads.forEach(w -> j.add(Json.text(w, "image", "?")));
    return j.toString();
  }
}
