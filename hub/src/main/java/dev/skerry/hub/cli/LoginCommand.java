package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code login NAME}: {@code POST /api/v1/login}; prints the session token alone on stdout, for
 * {@code export SKERRY_TOKEN=$(skerryctl login ana)}, and its expiry on stderr.
 */
@Command(
    name = "login",
    description = "Log in as a user and print a session token",
    customSynopsis = "skerryctl login NAME [--password-stdin]",
    footer = {"", "Example:", "  export SKERRY_TOKEN=$(skerryctl login ana)"})
final class LoginCommand implements CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the user")
  String name;

  @Option(names = "--password-stdin", description = "read the password from standard input")
  boolean passwordStdin;

  private final Context ctx;

  LoginCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (name == null) {
      throw CliException.usage("login needs a NAME", "skerryctl login ana");
    }
    ObjectNode body = Json.JSON.createObjectNode();
    body.put("name", name);
    body.put("password", Passwords.read(ctx, passwordStdin, false));
    var answer = ctx.hub().get().post("/api/v1/login", body.toString(), Manifests.JSON);
    ctx.out().println(Json.text(answer, "token", ""));
    ctx.err()
        .println(
            "logged in as "
                + Json.text(answer, "user", name)
                + " ("
                + Json.text(answer, "role", "?")
                + "); expires "
                + Json.text(answer, "expiresAt", "?"));
    return 0;
  }
}
