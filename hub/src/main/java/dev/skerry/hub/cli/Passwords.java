package dev.skerry.hub.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a password: the first line of standard input with {@code --password-stdin}, else from the
 * terminal without echo (twice when it is a new one). Never from a flag's value, which the shell's
 * history and {@code ps} would show.
 */
final class Passwords {
  private Passwords() {}

  static String read(Context ctx, boolean fromStdin, boolean confirm) {
    if (fromStdin) {
      try {
        String line =
            new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
          throw CliException.usage("--password-stdin: standard input has no password", null);
        }
        return line;
      } catch (IOException e) {
        throw CliException.input("cannot read the password from standard input: " + e.getMessage());
      }
    }
    var console = System.console();
    if (console == null) {
      throw CliException.usage(
          "no terminal to ask the password on", "pipe it in with --password-stdin");
    }
    char[] first = console.readPassword("Password: ");
    if (confirm) {
      char[] again = console.readPassword("Again: ");
      if (first == null || !Arrays.equals(first, again)) {
        throw CliException.usage("the passwords differ", null);
      }
    }
    if (first == null || first.length == 0) {
      throw CliException.usage("no password given", null);
    }
    return new String(first);
  }
}
