package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rotate signing-key}: {@code POST /api/v1/signing-keys/rotate}. The hub makes a new
 * document-signing key, announces it to every device under the old one, and retires the old one
 * once every device acknowledged (or after the grace period); {@code GET /api/v1/signing-keys}
 * shows the progress.
 */
@Command(
    name = "rotate",
    description = "Rotate the hub's document-signing key",
    customSynopsis = "skerryctl rotate signing-key [--grace 7d] [-o json|yaml]",
    footer = {
      "",
      "Devices that acknowledge the new key are signed for with it at once; the old key is"
          + " retired when every device has, or when the grace period (default 7d) is over."
          + " A device that missed the whole grace period must enroll again.",
      "",
      "Examples:",
      "  skerryctl rotate signing-key",
      "  skerryctl rotate signing-key --grace 30d -o json"
    })
final class RotateCommand implements CliCommand {
  static final String PATH = "/api/v1/signing-keys/rotate";

  @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "signing-key")
  String kind;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      description =
          "at most how long the old key keeps signing for devices that have not"
              + " acknowledged: 1h, 7d, 30d")
  String grace;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      completionCandidates = OutputFormat.Names.class,
      description = "json or yaml: the hub's whole answer")
  String output;

  private final Context ctx;

  RotateCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (!"signing-key".equals(kind)) {
      throw CliException.usage(
          kind == null ? "missing what to rotate" : "cannot rotate '" + kind + "'",
          "skerryctl rotate signing-key");
    }
    OutputFormat format = OutputFormat.of(output, EnumSet.of(OutputFormat.JSON, OutputFormat.YAML));
    ObjectNode body = Json.JSON.createObjectNode();
    if (grace != null) {
      long seconds;
      try {
        seconds = JoinTokenCommand.seconds(grace);
      } catch (CliException e) {
        throw CliException.usage(
            "invalid --grace '" + grace + "'", "give a positive duration such as 1h, 7d or 30d");
      }
      body.put("graceSeconds", seconds);
    }
    JsonNode answer = ctx.hub().get().post(PATH, body.toString(), Manifests.JSON);
    switch (format) {
      case JSON -> ctx.out().println(Json.pretty(answer));
      case YAML -> ctx.out().println(Json.yaml(answer));
      default -> {
        String active = "<unknown>";
        for (JsonNode k : answer.path("keys")) {
          if ("active".equals(k.path("state").asText())) {
            active = k.path("keyId").asText();
          }
        }
        ctx.out().println("signing-key/" + active + " active");
        ctx.out()
            .println(
                answer.path("devicesNeedingOldKey").asLong()
                    + " of "
                    + answer.path("devicesInRotation").asLong()
                    + " devices still need the old key");
      }
    }
    return 0;
  }
}
