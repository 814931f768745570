package dev.skerry.hub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.api.DeploymentView;
import dev.skerry.hub.api.DeviceView;
import dev.skerry.hub.store.DeviceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the hub's answers into the records the API writes them from, with the API's own mapper, so
 * that a field renamed there is renamed here by the compiler. Tables and describe views render
 * these; {@code -o json|yaml} prints the answer as it came.
 */
final class ApiViews {
  private ApiViews() {}

  static DeviceView device(JsonNode node) {
    return read(node, DeviceView.class, "a device");
  }

  static DeploymentView deployment(JsonNode node) {
    return read(node, DeploymentView.class, "a deployment");
  }

  /** {@code {"items":[...]}} of events, newest first. */
  static List<DeviceEvent> events(JsonNode answer) {
    List<DeviceEvent> events = new ArrayList<>();
    answer.path("items").forEach(e -> events.add(read(e, DeviceEvent.class, "a device event")));
    return events;
  }

  /** A record as the API would write it, for renderings that follow its fields (flattened). */
  static JsonNode tree(Object value) {
    return WireJson.mapper().valueToTree(value);
  }

  /** The list, or an empty one where the answer had none. */
  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <T> T read(JsonNode node, Class<T> type, String what) {
    try {
      return WireJson.mapper().treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw unreadable(what, e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw unreadable(what, e.getMessage());
    }
  }

  private static CliException unreadable(String what, String why) {
    return CliException.input(
        "the hub's answer is not "
            + what
            + " as this skerryctl reads it ("
            + why
            + "); is skerryctl as new as the hub?");
  }
}
