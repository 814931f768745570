package dev.skerry.hub.cli;

import java.util.List;

/** The kinds of object the CLI addresses, their spellings and REST collections. */
enum Resource {
  DEVICE("/api/v1/devices", List.of("device", "devices", "dev")),
  DEPLOYMENT("/api/v1/deployments", List.of("deployment", "deployments", "deploy"));

  final String collection;
  final List<String> spellings;

  Resource(String collection, List<String> spellings) {
    this.collection = collection;
    this.spellings = spellings;
  }

  /** {@code device} or {@code deployment}, as in {@code device/pi-01}. */
  String kind() {
    return spellings.get(0);
  }

  String path(String name) {
    return collection + "/" + HubClient.segment(name);
  }

  /** The resource a word names; a usage error for {@code command} otherwise. */
  static Resource of(String word, String command) {
    for (Resource r : values()) {
      if (r.spellings.contains(word)) {
        return r;
      }
    }
    throw CliException.usage(
        (word == null ? "missing" : "unknown")
            + " resource type"
            + (word == null ? "" : " '" + word + "'")
            + " for "
            + command,
        "use 'device' or 'deployment', e.g. skerryctl " + command + " deployment web");
  }

  /** What shell completion offers for a resource type. */
  static final class Kinds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("device", "deployment").iterator();
    }
  }
}
