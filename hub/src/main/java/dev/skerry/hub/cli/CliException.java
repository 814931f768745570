package dev.skerry.hub.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * An expected failure: printed as {@code error: message}, its details and a hint, never with a
 * stack trace; {@link #exitCode()} is the process exit code.
 */
class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code of a rejected request or unusable input. */
  static final int API_ERROR = 1;

  /** Exit code of a command line that cannot be understood. */
  static final int USAGE = 2;

  /** Exit code when the hub cannot be reached. */
  static final int UNREACHABLE = 3;

  private final int exitCode;
  private final List<String> details;
  private final String hint;

  CliException(int exitCode, String message, List<String> details, String hint) {
    super(message, null, false, false);
    this.exitCode = exitCode;
    this.details = List.copyOf(details);
    this.hint = hint;
  }

  /** A usage error (exit 2) with a hint on what to type instead. */
  static CliException usage(String message, String hint) {
    return new CliException(USAGE, message, List.of(), hint);
  }

  /** Input that cannot be sent, such as an unreadable or malformed file (exit 1). */
  static CliException input(String message) {
    return new CliException(API_ERROR, message, List.of(), null);
  }

  int exitCode() {
    return exitCode;
  }

  List<String> details() {
    return details;
  }

  /** A suggestion for the operator, or null. */
  String hint() {
    return hint;
  }

  /** Prints {@code error: <prefix><message>}, one line per detail, and the hint. */
  void print(PrintStream err, String prefix) {
    err.println("error: " + prefix + getMessage());
    for (String d : details) {
      err.println("  - " + d);
    }
    if (hint != null) {
      err.println("hint: " + hint);
    }
  }
}
