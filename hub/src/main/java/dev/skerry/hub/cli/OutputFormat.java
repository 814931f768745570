package dev.skerry.hub.cli;

import java.util.Locale;
import java.util.Set;

/** The {@code -o} choices. */
enum OutputFormat {
  TABLE,
  WIDE,
  JSON,
  YAML;

  /** The format named by {@code -o}, or TABLE when absent; a usage error if not in allowed. */
  static OutputFormat of(ParsedArgs args, Set<OutputFormat> allowed) {
    if (!args.has(Flag.OUTPUT)) {
      return TABLE;
    }
    String given = args.value(Flag.OUTPUT).orElseThrow();
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
}
