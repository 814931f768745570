package dev.skerry.hub.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a command line into words and flags. Flags may stand anywhere; {@code --flag value},
 * {@code --flag=value}, {@code -f value}, {@code -f=value} and {@code -fvalue} all work; {@code --}
 * ends the flags; a lone {@code -} is a word (stdin for {@code -f -}).
 */
final class ArgParser {
  private ArgParser() {}

  static ParsedArgs parse(String... args) {
    List<String> words = new ArrayList<>();
    Map<Flag, List<String>> flags = new EnumMap<>(Flag.class);
    boolean flagsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (flagsEnded || arg.equals("-") || !arg.startsWith("-")) {
        words.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        flagsEnded = true;
        continue;
      }
      String name;
      String inline = null;
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        name = eq < 0 ? arg : arg.substring(0, eq);
        inline = eq < 0 ? null : arg.substring(eq + 1);
      } else {
        name = arg.substring(0, 2);
        if (arg.length() > 2) {
          inline = arg.charAt(2) == '=' ? arg.substring(3) : arg.substring(2);
        }
      }
      Flag flag =
          Flag.byName(name)
              .orElseThrow(
                  () ->
                      CliException.usage(
                          "unknown flag " + name, "run 'skerryctl --help' for the flags"));
      String value;
      if (!flag.takesValue) {
        if (inline != null) {
          throw CliException.usage("flag " + name + " takes no value", null);
        }
        value = "true";
      } else if (inline != null) {
        value = inline;
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw CliException.usage("flag " + name + " needs a value", null);
      }
      flags.computeIfAbsent(flag, f -> new ArrayList<>()).add(value);
    }
    return new ParsedArgs(words, flags);
  }
}
