package dev.skerry.hub.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code delete deployment NAME...}. */
@Command(
    name = "delete",
    description = "Delete deployments (their workloads leave the devices)",
    customSynopsis = "skerryctl delete deployment NAME...",
    footer = {"", "Example:", "  skerryctl delete deployment web"})
final class DeleteCommand implements CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "deployment")
  String kind;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME", description = "names")
  List<String> names = new ArrayList<>();

  private final Context ctx;

  DeleteCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (AccessResources.handles(kind)) {
      return AccessResources.delete(ctx, kind, names);
    }
    Resource resource = Resource.of(kind, "delete");
    if (resource != Resource.DEPLOYMENT) {
      throw CliException.usage(
          "only deployments can be deleted", "skerryctl delete deployment NAME");
    }
    if (names.isEmpty()) {
      throw CliException.usage(
          "delete deployment needs a name", "skerryctl delete deployment NAME");
    }
    HubClient hub = ctx.hub().get();
    for (String name : names) {
      hub.delete(resource.path(name));
      ctx.out().println("deployment/" + name + " deleted");
    }
    return 0;
  }
}
