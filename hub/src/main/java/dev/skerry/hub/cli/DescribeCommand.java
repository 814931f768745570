package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code describe device ID...} and {@code describe deployment NAME...}. */
final class DescribeCommand {
  private final Context ctx;

  DescribeCommand(Context ctx) {
    this.ctx = ctx;
  }

  int run(ParsedArgs args) {
    Resource resource = Resource.of(args.word(1).orElse(null), "describe");
    List<String> names =
        args.words().subList(Math.min(2, args.words().size()), args.words().size());
    if (names.isEmpty()) {
      throw CliException.usage(
          "describe " + resource.kind() + " needs a name",
          "skerryctl describe " + resource.kind() + " NAME");
    }
    HubClient hub = ctx.hub().get();
    for (int i = 0; i < names.size(); i++) {
      JsonNode item = hub.get(resource.path(names.get(i)));
      if (i > 0) {
        ctx.out().println();
      }
      ctx.out()
          .print(
              resource == Resource.DEVICE
                  ? DeviceDescriber.describe(item, events(hub, names.get(i)), ctx.clock().instant())
                  : DeploymentDescriber.describe(item));
    }
    return 0;
  }

  /** The device's recent events; null if the hub does not serve them (an older hub). */
  private static JsonNode events(HubClient hub, String id) {
    try {
      return hub.get(Resource.DEVICE.path(id) + "/events?limit=" + EVENTS_SHOWN);
    } catch (CliException e) {
      return null;
    }
  }

  static final int EVENTS_SHOWN = 10;
}
