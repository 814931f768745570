package dev.skerry.hub.cli;

import dev.skerry.hub.store.DeviceEvent;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code describe device ID...} and {@code describe deployment NAME...}. */
@Command(
    name = "describe",
    description = "Show one device or deployment in detail",
    customSynopsis = "skerryctl describe device ID... | describe deployment NAME...",
    footer = {
      "",
      "Examples:",
      "  skerryctl describe device pi-01",
      "  skerryctl describe deployment web"
    })
final class DescribeCommand implements CliCommand {
  static final int EVENTS_SHOWN = 10;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "KIND",
      completionCandidates = Resource.Kinds.class,
      description = "device or deployment")
  String kind;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME", description = "names or ids")
  List<String> names = new ArrayList<>();

  private final Context ctx;

  DescribeCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    Resource resource = Resource.of(kind, "describe");
    if (names.isEmpty()) {
      throw CliException.usage(
          "describe " + resource.kind() + " needs a name",
          "skerryctl describe " + resource.kind() + " NAME");
    }
    HubClient hub = ctx.hub().get();
    for (int i = 0; i < names.size(); i++) {
      var item = hub.get(resource.path(names.get(i)));
      if (i > 0) {
        ctx.out().println();
      }
      ctx.out()
          .print(
              resource == Resource.DEVICE
                  ? DeviceDescriber.describe(
                      ApiViews.device(item), events(hub, names.get(i)), ctx.clock().instant())
                  : DeploymentDescriber.describe(ApiViews.deployment(item)));
    }
    return 0;
  }

  /** The device's recent events; null if the hub does not serve them (an older hub). */
  private static List<DeviceEvent> events(HubClient hub, String id) {
    try {
      return ApiViews.events(hub.get(Resource.DEVICE.path(id) + "/events?limit=" + EVENTS_SHOWN));
    } catch (CliException e) {
      return null;
    }
  }
}
