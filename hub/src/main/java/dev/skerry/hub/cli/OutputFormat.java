package dev.skerry.hub.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code -o} choices. */
enum OutputFormat {
  TABLE,
  WIDE,
  JSON,
  YAML;

  /** The format {@code -o} named (null: not given, TABLE); a usage error if not in allowed. */
  static OutputFormat of(String given, Set<OutputFormat> allowed) {
    if (given == null) {
      return TABLE;
    }
    StringBuilder names = new StringBuilder();
    for (OutputFormat f : allowed) {
      if (f != TABLE) {
        names.append(names.length() == 0 ? "" : "|").append(f.name().toLowerCase(Locale.ROOT));
      }
    }
    for (OutputFormat f : allowed) {
      if (f != TABLE && f.name().equalsIgnoreCase(given)) {
        return f;
      }
    }
    throw CliException.usage("unknown output format '" + given + "'", "use -o " + names);
  }

  /** What shell completion offers after {@code -o}. */
  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("wide", "json", "yaml").iterator();
    }
  }
}
