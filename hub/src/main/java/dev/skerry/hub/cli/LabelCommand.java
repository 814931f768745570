package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code label device ID k=v k2-}: reads the device, changes the named labels and PUTs the whole
 * map. The map is {@code operatorLabels} when the hub reports it apart from the labels the agent
 * sends, else {@code labels}.
 */
final class LabelCommand {
  private final Context ctx;

  LabelCommand(Context ctx) {
    this.ctx = ctx;
  }

  int run(ParsedArgs args) {
    Resource resource = Resource.of(args.word(1).orElse(null), "label");
    if (resource != Resource.DEVICE) {
      throw CliException.usage("only devices have labels", "skerryctl label device ID k=v");
    }
    String id =
        args.word(2).orElseThrow(() -> CliException.usage("label device needs an ID", null));
    Map<String, String> changes = changes(args.words().subList(3, args.words().size()));
    HubClient hub = ctx.hub().get();
    JsonNode device = hub.get(Resource.DEVICE.path(id));
    JsonNode current =
        device.has("operatorLabels") ? device.get("operatorLabels") : device.path("labels");
    Map<String, String> labels = new LinkedHashMap<>(Json.stringMap(current));
    changes.forEach(
        (k, v) -> {
          if (v == null) {
            labels.remove(k);
          } else {
            labels.put(k, v);
          }
        });
    ObjectNode body = Json.JSON.createObjectNode();
    labels.forEach(body::put);
    hub.put(Resource.DEVICE.path(id) + "/labels", body.toString(), Manifests.JSON);
    ctx.out().println("device/" + id + " labeled");
    return 0;
  }

  /** {@code k=v} sets (value) and {@code k-} removes (null), in order; a usage error otherwise. */
  static Map<String, String> changes(List<String> words) {
    if (words.isEmpty()) {
      throw CliException.usage("no label changes given", "skerryctl label device ID k=v k2-");
    }
    Map<String, String> changes = new LinkedHashMap<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      String key =
          eq >= 0 ? w.substring(0, eq) : w.endsWith("-") ? w.substring(0, w.length() - 1) : "";
      if (key.isEmpty()) {
        throw CliException.usage(
            "invalid label change '" + w + "'", "use KEY=VALUE to set or KEY- to remove");
      }
      if (changes.containsKey(key)) {
        throw CliException.usage("label '" + key + "' is changed twice", null);
      }
      changes.put(key, eq >= 0 ? w.substring(eq + 1) : null);
    }
    return changes;
  }
}
