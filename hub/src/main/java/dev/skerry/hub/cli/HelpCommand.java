package dev.skerry.hub.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code help [COMMAND...]}: the same text as {@code COMMAND --help}. */
@Command(
    name = "help",
    description = "Show help for skerryctl or a command",
    customSynopsis = "skerryctl help [COMMAND]")
final class HelpCommand implements CliCommand {
  @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "e.g. get, create join-token")
  List<String> words = new ArrayList<>();

  @Spec CommandSpec spec;

  private final Context ctx;

  HelpCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    CommandLine target = spec.root().commandLine();
    for (String word : words) {
      target = target.getSubcommands().get(word);
      if (target == null) {
        throw CliException.usage(
            "no help for unknown command '" + String.join(" ", words) + "'",
            "run 'skerryctl --help' for the commands");
      }
    }
    target.usage(ctx.out(), CommandLine.Help.Ansi.OFF);
    return 0;
  }
}
