package dev.skerry.hub.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's parse errors into skerryctl's usage errors (exit 2): an unknown command with the
 * nearest one suggested, a flag another command takes, an unknown flag, a flag without its value.
 */
final class UsageErrors {
  private UsageErrors() {}

  static CliException of(ParameterException e) {
    CommandLine cl = e.getCommandLine();
    String where = where(cl);
    String help = where.isEmpty() ? "run 'skerryctl --help'" : "run 'skerryctl help " + where + "'";
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      if (arg.startsWith("-") && !arg.equals("-")) {
        return flag(cl, where, arg, help);
      }
      List<String> commands = new ArrayList<>(cl.getSubcommands().keySet());
      if (commands.isEmpty()) {
        return CliException.usage("unexpected argument '" + arg + "'", help);
      }
      if (where.isEmpty()) {
        return CliException.usage(
            "unknown command '" + arg + "'",
            nearest(arg, commands).map(s -> "did you mean '" + s + "'? ").orElse("")
                + "run 'skerryctl --help' for the commands");
      }
      return CliException.usage(
          "unknown resource type '" + arg + "' for " + where,
          "use '"
              + String.join("' or '", commands)
              + "', e.g. skerryctl "
              + where
              + " "
              + commands.get(0));
    }
    if (e instanceof MissingParameterException m) {
      for (ArgSpec a : m.getMissing()) {
        if (a instanceof OptionSpec o) {
          return CliException.usage("flag " + display(o) + " needs a value", help);
        }
      }
    }
    String message = e.getMessage() == null ? "invalid command line" : e.getMessage();
    return CliException.usage(
        message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1), help);
  }

  private static CliException flag(CommandLine cl, String where, String arg, String help) {
    Optional<OptionSpec> known = find(root(cl), arg);
    if (known.isEmpty()) {
      int eq = arg.indexOf('=');
      String name = arg.startsWith("--") ? (eq < 0 ? arg : arg.substring(0, eq)) : arg;
      return CliException.usage("unknown flag " + name, "run 'skerryctl --help' for the flags");
    }
    if (where.isEmpty()) {
      return CliException.usage(
          "flag " + display(known.get()) + " is not valid before the command",
          "put it after the command it belongs to, e.g. skerryctl get devices -o wide");
    }
    return CliException.usage("flag " + display(known.get()) + " is not valid for " + where, help);
  }

  /** The option some command of the tree knows by the name {@code arg} starts with. */
  private static Optional<OptionSpec> find(CommandLine cl, String arg) {
    List<String> names = new ArrayList<>(List.of(arg));
    int eq = arg.indexOf('=');
    if (eq > 0) {
      names.add(arg.substring(0, eq));
    }
    if (!arg.startsWith("--") && arg.length() > 2) {
      names.add(arg.substring(0, 2));
    }
    for (OptionSpec o : cl.getCommandSpec().options()) {
      for (String n : o.names()) {
        if (names.contains(n)) {
          return Optional.of(o);
        }
      }
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      Optional<OptionSpec> o = find(sub, arg);
      if (o.isPresent()) {
        return o;
      }
    }
    return Optional.empty();
  }

  private static CommandLine root(CommandLine cl) {
    CommandLine c = cl;
    while (c.getParent() != null) {
      c = c.getParent();
    }
    return c;
  }

  /** {@code delete} or {@code create join-token}; empty for skerryctl itself. */
  private static String where(CommandLine cl) {
    List<String> names = new ArrayList<>();
    for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) {
      names.add(0, c.getCommandName());
    }
    return String.join(" ", names);
  }

  /** How help shows an option: {@code -o, --output}. */
  private static String display(OptionSpec o) {
    return String.join(", ", o.names());
  }

  /** The command nearest to a mistyped word (at most two edits away), if any. */
  static Optional<String> nearest(String word, List<String> commands) {
    String best = null;
    int bestDistance = 3;
    for (String c : commands) {
      int d = distance(word, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
