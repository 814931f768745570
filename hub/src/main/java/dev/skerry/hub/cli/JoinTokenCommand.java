package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code create join-token}: {@code POST /api/v1/join-tokens}. The token is printed alone on stdout
 * (so that {@code $(skerryctl create join-token)} captures it) and its expiry on stderr; the hub
 * shows a token once and keeps only its hash. Options left out are left to the hub's defaults.
 */
@Command(
    name = "join-token",
    description = "Create a token a device enrolls with (shown once)",
    customSynopsis =
        "skerryctl create join-token [--ttl 1h] [--labels k=v,...] [--device-id ID] [--uses N]"
            + " [-o json|yaml]",
    footer = {
      "",
      "Without --ttl the hub's default applies (24h, at most 30 days); without --uses the"
          + " token enrolls one device. The token goes to stdout, its expiry to stderr.",
      "",
      "Examples:",
      "  skerryctl create join-token --ttl 2h --labels site=berlin,tier=edge",
      "  skerryctl create join-token --device-id pi-01 -o json"
    })
final class JoinTokenCommand implements CliCommand {
  static final String PATH = "/api/v1/join-tokens";
  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "how long the token is valid: 90s, 30m, 1h, 7d, 1h30m")
  String ttl;

  @Option(
      names = "--labels",
      paramLabel = "k=v,...",
      description = "labels the enrolled device starts with")
  String labels;

  @Option(
      names = "--device-id",
      paramLabel = "ID",
      description = "only a device of this id may enroll with it")
  String deviceId;

  @Option(names = "--uses", paramLabel = "N", description = "how many devices may enroll")
  Integer uses;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      completionCandidates = OutputFormat.Names.class,
      description = "json or yaml: the hub's whole answer")
  String output;

  private final Context ctx;

  JoinTokenCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    OutputFormat format = OutputFormat.of(output, EnumSet.of(OutputFormat.JSON, OutputFormat.YAML));
    ObjectNode body = Json.JSON.createObjectNode();
    if (ttl != null) {
      body.put("ttlSeconds", seconds(ttl));
    }
    if (labels != null) {
      ObjectNode l = body.putObject("labels");
      labels(labels).forEach(l::put);
    }
    if (deviceId != null) {
      if (deviceId.isBlank()) {
        throw CliException.usage("--device-id is empty", null);
      }
      body.put("deviceId", deviceId);
    }
    if (uses != null) {
      if (uses < 1) {
        throw CliException.usage("--uses must be at least 1, got " + uses, null);
      }
      body.put("uses", uses);
    }
    JsonNode answer = ctx.hub().get().post(PATH, body.toString(), Manifests.JSON);
    switch (format) {
      case JSON -> ctx.out().println(Json.pretty(answer));
      case YAML -> ctx.out().println(Json.yaml(answer));
      default -> {
        String token = Json.text(answer, "token", null);
        if (token == null) {
          throw CliException.input("the hub's answer to POST " + PATH + " has no token");
        }
        ctx.out().println(token);
        ctx.err().println("expires at " + Json.text(answer, "expiresAt", "<unknown>"));
      }
    }
    return 0;
  }

  /**
   * {@code 90s}, {@code 30m}, {@code 1h}, {@code 7d} or a sum such as {@code 1h30m}, in seconds.
   */
  static long seconds(String text) {
    Matcher m = DURATION.matcher(text);
    long total = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        break;
      }
      long unit =
          switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86_400;
          };
      try {
        total = Math.addExact(total, Math.multiplyExact(n, unit));
      } catch (ArithmeticException e) {
        break;
      }
      end = m.end();
    }
    if (end == 0 || end != text.length() || total <= 0) {
      throw CliException.usage(
          "invalid --ttl '" + text + "'", "give a positive duration such as 30m, 1h, 7d or 1h30m");
    }
    return total;
  }

  /** {@code k=v,k2=v2} in order; the hub checks the keys' and values' syntax. */
  static Map<String, String> labels(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage(
            "invalid label '" + pair + "' in --labels", "use --labels k=v,k2=v2");
      }
      String key = pair.substring(0, eq);
      if (labels.put(key, pair.substring(eq + 1)) != null) {
        throw CliException.usage("label '" + key + "' is given twice in --labels", null);
      }
    }
    return labels;
  }
}
