package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code create user NAME --role ROLE}: {@code POST /api/v1/users} (admin). */
@Command(
    name = "user",
    description = "Create a user (viewer, operator or admin); the password is asked for",
    customSynopsis = "skerryctl create user NAME --role viewer|operator|admin [--password-stdin]",
    footer = {
      "",
      "Examples:",
      "  skerryctl create user ana --role operator",
      "  printf '%s\\n' \"$PW\" | skerryctl create user ci-bot --role viewer --password-stdin"
    })
final class UserCommand implements CliCommand {
  static final String PATH = "/api/v1/users";

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the user's name")
  String name;

  @Option(names = "--role", paramLabel = "ROLE", description = "viewer, operator or admin")
  String role;

  @Option(names = "--password-stdin", description = "read the password from standard input")
  boolean passwordStdin;

  private final Context ctx;

  UserCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (name == null || role == null) {
      throw CliException.usage(
          "create user needs a NAME and --role", "skerryctl create user ana --role operator");
    }
    ObjectNode body = Json.JSON.createObjectNode();
    body.put("name", name);
    body.put("role", role);
    body.put("password", Passwords.read(ctx, passwordStdin, true));
    var answer = ctx.hub().get().post(PATH, body.toString(), Manifests.JSON);
    ctx.out()
        .println(
            "user/"
                + Json.text(answer, "name", name)
                + " created ("
                + Json.text(answer, "role", role)
                + ")");
    return 0;
  }
}
