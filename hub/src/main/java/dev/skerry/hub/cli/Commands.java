package dev.skerry.hub.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command tree. Built anew for each run with the run's {@link Context}; every command also
 * takes the {@link GlobalOptions}. Building it creates no JSON mapper and no HTTP client (the hub
 * is reached through {@link Context#hub()} on first use), so that {@code help} and {@code version}
 * start fast.
 */
final class Commands {
  private Commands() {}

  @Command(
      name = "skerryctl",
      header = "skerryctl - operate a Skerry fleet through the hub's REST API",
      customSynopsis = "skerryctl COMMAND [ARGS] [FLAGS]",
      footer = {
        "",
        "Settings are taken from flags, then the environment (SKERRY_HUB_URL, SKERRY_TOKEN,"
            + " SKERRY_TOKEN_FILE), then ~/.config/skerry/config.yaml (keys hub, token,"
            + " token-file).",
        "Exit codes: 0 ok, 1 the hub or the input was rejected, 2 usage error, 3 hub"
            + " unreachable.",
        "",
        "Run 'skerryctl help COMMAND' for a command's flags and examples."
      })
  static final class Root {}

  static CommandLine tree(Context ctx) {
    CommandLine root = new CommandLine(new Root());
    root.addSubcommand(new GetCommand(ctx));
    root.addSubcommand(new DescribeCommand(ctx));
    root.addSubcommand(new ApplyCommand(ctx));
    root.addSubcommand(new DeleteCommand(ctx));
    root.addSubcommand(new LabelCommand(ctx));
    root.addSubcommand(new RolloutCommand(ctx));
    root.addSubcommand(
        new CommandLine(new CreateCommand())
            .addSubcommand(new JoinTokenCommand(ctx))
            .addSubcommand(new UserCommand(ctx))
            .addSubcommand(new TokenCommand(ctx)));
    root.addSubcommand(new LoginCommand(ctx));
    root.addSubcommand(new AuditCommand(ctx));
    root.addSubcommand(new RevokeCommand(ctx));
    root.addSubcommand(new RotateCommand(ctx));
    root.addSubcommand(new ApproveCommand(ctx));
    root.addSubcommand(new CompletionCommand(ctx));
    root.addSubcommand(new VersionCommand(ctx));
    root.addSubcommand(new HelpCommand(ctx));
    configure(root);
    // A later flag overrides an earlier one, as in most CLIs (picocli refuses it by default).
    root.setOverwrittenOptionsAllowed(true);
    // picocli would read "@name" as a file of arguments; here it is only ever a word.
    root.setExpandAtFiles(false);
    return root;
  }

  private static void configure(CommandLine cl) {
    cl.addMixin("global", new GlobalOptions());
    var usage = cl.getCommandSpec().usageMessage();
    usage
        .sortOptions(false)
        .optionListHeading("%nFlags:%n")
        .parameterListHeading("%nArguments:%n")
        .commandListHeading("%nCommands:%n");
    cl.getSubcommands().values().forEach(Commands::configure);
  }
}
