package dev.skerry.hub.cli;

import java.util.Optional;

/** Help texts and "did you mean" suggestions. */
final class Help {
  private Help() {}

  static String main() {
    StringBuilder sb = new StringBuilder();
    sb.append("skerryctl - operate a Skerry fleet through the hub's REST API\n\n");
    sb.append("Usage: skerryctl COMMAND [ARGS] [FLAGS]\n\nCommands:\n");
    for (CommandSpec c : CommandSpec.values()) {
      sb.append(String.format("  %-10s %s%n", c.word(), c.summary));
    }
    sb.append(
        """

        Flags for every command:
          --hub URL           the hub's REST address (default http://127.0.0.1:8080)
          --token TOKEN       bearer token for the API
          --token-file FILE   read the token from FILE
          -h, --help          show help

        Settings are taken from flags, then the environment (SKERRY_HUB_URL, SKERRY_TOKEN,
        SKERRY_TOKEN_FILE), then ~/.config/skerry/config.yaml (keys hub, token, token-file).
        Exit codes: 0 ok, 1 the hub or the input was rejected, 2 usage error, 3 hub unreachable.

        Run 'skerryctl help COMMAND' for a command's flags and examples.
        """);
    return sb.toString();
  }

  static String of(CommandSpec c) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.summary).append(".\n\nUsage: skerryctl ").append(c.synopsis).append('\n');
    if (!c.details.isEmpty()) {
      sb.append('\n').append(c.details).append('\n');
    }
    sb.append("\nFlags for every command: --hub URL, --token TOKEN, --token-file FILE, -h.\n");
    return sb.toString();
  }

  /** The command nearest to a mistyped word (at most two edits away), if any. */
  static Optional<String> suggest(String word) {
    String best = null;
    int bestDistance = 3;
    for (CommandSpec c : CommandSpec.values()) {
      int d = distance(word, c.word());
      if (d < bestDistance) {
        best = c.word();
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
