package dev.skerry.hub.cli;

import java.util.List;

/** {@code delete deployment NAME...}. */
final class DeleteCommand {
  private final Context ctx;

  DeleteCommand(Context ctx) {
    this.ctx = ctx;
  }

  int run(ParsedArgs args) {
    Resource resource = Resource.of(args.word(1).orElse(null), "delete");
    if (resource != Resource.DEPLOYMENT) {
      throw CliException.usage(
          "only deployments can be deleted", "skerryctl delete deployment NAME");
    }
    List<String> names =
        args.words().subList(Math.min(2, args.words().size()), args.words().size());
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
