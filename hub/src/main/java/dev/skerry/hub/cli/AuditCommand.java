package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code audit}: the hub's audit trail, oldest first, following the pages up to {@code --limit}.
 */
@Command(
    name = "audit",
    description = "Show the audit trail: who changed what, when, from where",
    customSynopsis =
        "skerryctl audit [--since 2026-12-01T00:00:00Z] [--actor NAME] [--object KIND/NAME]"
            + " [--limit N] [-o json|yaml]",
    footer = {
      "",
      "Examples:",
      "  skerryctl audit --object deployment/web",
      "  skerryctl audit --actor ana --since 2026-12-01T00:00:00Z"
    })
final class AuditCommand implements CliCommand {
  static final String PATH = "/api/v1/audit";

  @Option(names = "--since", paramLabel = "INSTANT", description = "from this time (ISO-8601)")
  String since;

  @Option(names = "--actor", paramLabel = "NAME", description = "a user, or admin-token")
  String actor;

  @Option(names = "--object", paramLabel = "KIND/NAME", description = "e.g. deployment/web")
  String object;

  @Option(names = "--limit", paramLabel = "N", description = "at most N entries (default 500)")
  int limit = 500;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      completionCandidates = OutputFormat.Names.class,
      description = "json or yaml")
  String output;

  private final Context ctx;

  AuditCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    OutputFormat format =
        OutputFormat.of(
            output, EnumSet.of(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML));
    if (limit < 1) {
      throw CliException.usage("--limit must be at least 1", null);
    }
    StringBuilder query = new StringBuilder();
    if (since != null) {
      query.append("&since=").append(HubClient.query(since));
    }
    if (actor != null) {
      query.append("&actor=").append(HubClient.query(actor));
    }
    if (object != null) {
      query.append("&object=").append(HubClient.query(object));
    }
    HubClient hub = ctx.hub().get();
    ObjectNode all = Json.JSON.createObjectNode();
    ArrayNode items = all.putArray("items");
    String cursor = null;
    do {
      int page = Math.min(1000, limit - items.size());
      JsonNode answer =
          hub.get(PATH + "?limit=" + page + query + (cursor == null ? "" : "&cursor=" + cursor));
      answer.path("items").forEach(items::add);
      cursor = answer.hasNonNull("next") ? answer.path("next").asText() : null;
    } while (cursor != null && items.size() < limit);
    switch (format) {
      case JSON -> ctx.out().println(Json.pretty(all));
      case YAML -> ctx.out().println(Json.yaml(all));
      default -> {
        Table table =
            new Table(List.of("TIME", "ACTOR", "ACTION", "OBJECT", "REVISION", "ADDRESS"));
        for (JsonNode e : items) {
          table.row(
              List.of(
                  Json.text(e, "at", ""),
                  Json.text(e, "actor", "") + via(e),
                  Json.text(e, "action", ""),
                  Json.text(e, "object", ""),
                  Json.text(e, "revision", "-"),
                  Json.text(e, "address", "-")));
        }
        if (table.size() == 0) {
          ctx.err().println("No audit entries found.");
        } else {
          ctx.out().print(table.render());
        }
      }
    }
    return 0;
  }

  private static String via(JsonNode e) {
    String credential = Json.text(e, "credential", "");
    return credential.startsWith("token:") ? " (" + credential + ")" : "";
  }
}
