package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skerry.hub.api.DeviceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code label device ID k=v k2-}: reads the device, changes the named labels and PUTs the whole
 * map. The map is {@code operatorLabels} when the hub reports it apart from the labels the agent
 * sends, else {@code labels}.
 */
@Command(
    name = "label",
    description = "Set or remove a device's operator labels",
    customSynopsis = "skerryctl label device ID KEY=VALUE... KEY-...",
    footer = {
      "",
      "KEY=VALUE sets a label, KEY- removes it; other labels stay as they are.",
      "",
      "Example:",
      "  skerryctl label device pi-01 site=berlin tier-"
    })
final class LabelCommand implements CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "device")
  String kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "the device's id")
  String id;

  @Parameters(
      index = "2..*",
      arity = "0..*",
      paramLabel = "CHANGE",
      description = "KEY=VALUE or KEY-")
  List<String> words = new ArrayList<>();

  private final Context ctx;

  LabelCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    Resource resource = Resource.of(kind, "label");
    if (resource != Resource.DEVICE) {
      throw CliException.usage("only devices have labels", "skerryctl label device ID k=v");
    }
    if (id == null) {
      throw CliException.usage("label device needs an ID", null);
    }
    Map<String, String> changes = changes(words);
    HubClient hub = ctx.hub().get();
    DeviceView device = ApiViews.device(hub.get(Resource.DEVICE.path(id)));
    // operatorLabels apart from the agent's own: what PUT .../labels replaces.
    Map<String, String> labels =
        new LinkedHashMap<>(
            Json.sorted(
                device.operatorLabels() != null ? device.operatorLabels() : device.labels()));
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
