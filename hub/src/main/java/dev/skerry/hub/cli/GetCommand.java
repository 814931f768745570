package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code get devices|deployments [NAME]}. A selector goes to the server as {@code labelSelector}
 * and is applied again here, so the answer is right even from a hub that ignores the parameter.
 */
final class GetCommand {
  private final Context ctx;

  GetCommand(Context ctx) {
    this.ctx = ctx;
  }

  int run(ParsedArgs args) {
    Resource resource = Resource.of(args.word(1).orElse(null), "get");
    if (args.words().size() > 3) {
      throw CliException.usage(
          "get takes one NAME at most", "skerryctl get " + resource.kind() + " NAME");
    }
    OutputFormat format = OutputFormat.of(args, EnumSet.allOf(OutputFormat.class));
    Optional<String> name = args.word(2);
    Selector selector = args.value(Flag.SELECTOR).map(Selector::parse).orElse(null);
    if (selector != null && resource != Resource.DEVICE) {
      throw CliException.usage("-l selects devices by label; deployments have no labels", null);
    }
    if (selector != null && name.isPresent()) {
      throw CliException.usage("give a NAME or a selector (-l), not both", null);
    }
    HubClient hub = ctx.hub().get();
    if (name.isPresent()) {
      JsonNode item = hub.get(resource.path(name.get()));
      print(format, resource, item, List.of(item));
      return 0;
    }
    String query = selector == null ? "" : "?labelSelector=" + HubClient.query(selector.toString());
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode item : hub.get(resource.collection + query).path("items")) {
      if (selector == null || selector.matches(Json.stringMap(item.path("labels")))) {
        items.add(item);
      }
    }
    if (items.isEmpty() && (format == OutputFormat.TABLE || format == OutputFormat.WIDE)) {
      ctx.err().println("No " + resource.kind() + "s found.");
      return 0;
    }
    ObjectNode list = Json.JSON.createObjectNode();
    ArrayNode array = list.putArray("items");
    items.forEach(array::add);
    print(format, resource, list, items);
    return 0;
  }

  private void print(OutputFormat format, Resource resource, JsonNode raw, List<JsonNode> items) {
    switch (format) {
      case JSON -> ctx.out().println(Json.pretty(raw));
      case YAML -> ctx.out().println(Json.yaml(raw));
      case TABLE, WIDE -> {
        boolean wide = format == OutputFormat.WIDE;
        Table table =
            resource == Resource.DEVICE
                ? DeviceTable.of(items, wide, ctx.clock().instant())
                : DeploymentTable.of(items, wide);
        ctx.out().print(table.render());
      }
    }
  }
}
