package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code get devices|deployments [NAME]}. A selector goes to the server as {@code labelSelector}
 * and is applied again here, so the answer is right even from a hub that ignores the parameter.
 */
@Command(
    name = "get",
    description = "List devices, deployments or pending certificate renewals",
    customSynopsis =
        "skerryctl get devices|deployments|renewals [NAME] [-l SELECTOR] [-o json|yaml|wide]",
    footer = {
      "",
      "Examples:",
      "  skerryctl get devices -l site=berlin,tier!=test",
      "  skerryctl get deployment web -o yaml",
      "  skerryctl get renewals"
    })
final class GetCommand implements CliCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "KIND",
      completionCandidates = Resource.Kinds.class,
      description = "devices, deployments or renewals")
  String kind;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME", description = "one name")
  List<String> names = new ArrayList<>();

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description =
          "devices only: k=v, k!=v, k, !k joined by commas; sent to the hub as labelSelector"
              + " and applied again by skerryctl")
  String selector;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      completionCandidates = OutputFormat.Names.class,
      description = "json, yaml or wide (more columns); default: a table")
  String output;

  private final Context ctx;

  GetCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (RenewalTable.SPELLINGS.contains(kind)) {
      return renewals();
    }
    if (AccessResources.handles(kind)) {
      return AccessResources.get(
          ctx,
          kind,
          OutputFormat.of(
              output, EnumSet.of(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML)));
    }
    Resource resource = Resource.of(kind, "get");
    if (names.size() > 1) {
      throw CliException.usage(
          "get takes one NAME at most", "skerryctl get " + resource.kind() + " NAME");
    }
    OutputFormat format = OutputFormat.of(output, EnumSet.allOf(OutputFormat.class));
    String name = names.isEmpty() ? null : names.get(0);
    Selector parsed = selector == null ? null : Selector.parse(selector);
    if (parsed != null && resource != Resource.DEVICE) {
      throw CliException.usage("-l selects devices by label; deployments have no labels", null);
    }
    if (parsed != null && name != null) {
      throw CliException.usage("give a NAME or a selector (-l), not both", null);
    }
    HubClient hub = ctx.hub().get();
    if (name != null) {
      JsonNode item = hub.get(resource.path(name));
      print(format, resource, item, List.of(item));
      return 0;
    }
    String query = parsed == null ? "" : "?labelSelector=" + HubClient.query(parsed.toString());
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode item : hub.get(resource.collection + query).path("items")) {
      if (parsed == null || parsed.matches(Json.sorted(ApiViews.device(item).labels()))) {
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

  /** {@code get renewals}: the renewals the hub holds until an operator approves them. */
  private int renewals() {
    if (!names.isEmpty() || selector != null) {
      throw CliException.usage(
          "get renewals takes no NAME or selector", "skerryctl get renewals [-o json|yaml]");
    }
    OutputFormat format = OutputFormat.of(output, EnumSet.allOf(OutputFormat.class));
    JsonNode list = ctx.hub().get().get(ApproveCommand.RENEWALS);
    switch (format) {
      case JSON -> ctx.out().println(Json.pretty(list));
      case YAML -> ctx.out().println(Json.yaml(list));
      case TABLE, WIDE -> {
        if (list.path("items").isEmpty()) {
          ctx.err().println("No pending renewals found.");
        } else {
          ctx.out().print(RenewalTable.of(list.path("items"), ctx.clock().instant()).render());
        }
      }
    }
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
                ? DeviceTable.of(
                    items.stream().map(ApiViews::device).toList(), wide, ctx.clock().instant())
                : DeploymentTable.of(items.stream().map(ApiViews::deployment).toList(), wide);
        ctx.out().print(table.render());
      }
    }
  }
}
