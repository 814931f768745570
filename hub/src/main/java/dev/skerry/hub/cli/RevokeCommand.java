package dev.skerry.hub.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code revoke device ID}: {@code POST /api/v1/devices/{id}/revoke}. The hub disconnects the
 * device and refuses its certificate from then on; it enrolls again only with a new join token.
 */
@Command(
    name = "revoke",
    description = "Revoke a device's identity (it is disconnected at once)",
    customSynopsis = "skerryctl revoke device ID",
    footer = {"", "Example:", "  skerryctl revoke device pi-01"})
final class RevokeCommand implements CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "device")
  String kind;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "ID", description = "the device's id")
  List<String> ids = new ArrayList<>();

  private final Context ctx;

  RevokeCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (Resource.of(kind, "revoke") != Resource.DEVICE) {
      throw CliException.usage("only devices can be revoked", "skerryctl revoke device ID");
    }
    if (ids.size() != 1) {
      throw CliException.usage("revoke device needs one ID", "skerryctl revoke device pi-01");
    }
    String id = ids.get(0);
    ctx.hub().get().post(Resource.DEVICE.path(id) + "/revoke");
    ctx.out().println("device/" + id + " revoked");
    return 0;
  }
}
