package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code approve renewal DEVICE}: {@code POST /api/v1/renewals/{id}/approve}, for a device whose
 * certificate expired while it was offline and whose renewal the hub holds as pending ({@code
 * skerryctl get renewals} lists them).
 */
@Command(
    name = "approve",
    description = "Approve a device's pending certificate renewal",
    customSynopsis = "skerryctl approve renewal DEVICE",
    footer = {"", "Example:", "  skerryctl approve renewal pi-01"})
final class ApproveCommand implements CliCommand {
  static final String RENEWALS = "/api/v1/renewals";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "WHAT",
      completionCandidates = What.class,
      description = "renewal")
  String what;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "DEVICE", description = "a device id")
  List<String> ids = new ArrayList<>();

  private final Context ctx;

  ApproveCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (!"renewal".equals(what)) {
      throw CliException.usage(
          (what == null ? "missing" : "unknown")
              + " resource type"
              + (what == null ? "" : " '" + what + "'")
              + " for approve",
          "use 'renewal', e.g. skerryctl approve renewal pi-01");
    }
    if (ids.size() != 1) {
      throw CliException.usage(
          "approve renewal needs one DEVICE", "skerryctl approve renewal pi-01");
    }
    String id = ids.get(0);
    JsonNode answer = ctx.hub().get().post(RENEWALS + "/" + HubClient.segment(id) + "/approve");
    ctx.out().println("device/" + id + " renewal approved");
    String expires = answer.path("expiresAt").asText("");
    if (!expires.isEmpty()) {
      ctx.err().println("new certificate valid until " + expires);
    }
    return 0;
  }

  /** What shell completion offers for WHAT. */
  static final class What implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("renewal").iterator();
    }
  }
}
