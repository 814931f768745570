package dev.skerry.hub.cli;

import picocli.CommandLine.Command;

/** {@code version}: the jar's version. */
@Command(
    name = "version",
    description = "Print skerryctl's version",
    customSynopsis = "skerryctl version")
final class VersionCommand implements CliCommand {
  private final Context ctx;

  VersionCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    ctx.out().println("skerryctl " + Skerryctl.version());
    return 0;
  }
}
