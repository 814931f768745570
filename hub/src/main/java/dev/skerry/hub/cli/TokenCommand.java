package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code create token NAME}: {@code POST /api/v1/tokens}, a personal API token with the caller's
 * role. The secret goes alone to stdout (the hub shows it once), its id and expiry to stderr.
 */
@Command(
    name = "token",
    description = "Create a personal API token (shown once)",
    customSynopsis = "skerryctl create token NAME [--expires-at 2027-01-31T00:00:00Z]",
    footer = {"", "Example:", "  export SKERRY_TOKEN=$(skerryctl create token ci)"})
final class TokenCommand implements CliCommand {
  static final String PATH = "/api/v1/tokens";

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "what it is for")
  String name;

  @Option(names = "--expires-at", paramLabel = "INSTANT", description = "ISO-8601; none: never")
  String expiresAt;

  private final Context ctx;

  TokenCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (name == null) {
      throw CliException.usage("create token needs a NAME", "skerryctl create token ci");
    }
    ObjectNode body = Json.JSON.createObjectNode();
    body.put("name", name);
    if (expiresAt != null) {
      body.put("expiresAt", expiresAt);
    }
    var answer = ctx.hub().get().post(PATH, body.toString(), Manifests.JSON);
    ctx.out().println(Json.text(answer, "token", ""));
    ctx.err()
        .println(
            "token "
                + Json.text(answer, "id", "?")
                + " created; expires "
                + Json.text(answer, "expiresAt", "never"));
    return 0;
  }
}
