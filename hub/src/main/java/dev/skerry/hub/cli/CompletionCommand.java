package dev.skerry.hub.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code completion bash}: a bash completion script generated from the command tree at run time, so
 * it always matches this skerryctl's commands, flags and fixed values.
 */
@Command(
    name = "completion",
    description = "Print a shell completion script (bash)",
    customSynopsis = "skerryctl completion bash",
    footer = {
      "",
      "Examples:",
      "  source <(skerryctl completion bash)",
      "  skerryctl completion bash > /etc/bash_completion.d/skerryctl",
      "",
      "zsh reads the same script after: autoload -U +X bashcompinit && bashcompinit"
    })
final class CompletionCommand implements CliCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SHELL",
      completionCandidates = Shells.class,
      description = "bash")
  String shell;

  @Spec CommandSpec spec;

  private final Context ctx;

  CompletionCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (!"bash".equals(shell)) {
      throw CliException.usage(
          shell == null ? "completion needs a shell" : "unsupported shell '" + shell + "'",
          "skerryctl completion bash (zsh loads it too, after bashcompinit)");
    }
    ctx.out().print(AutoComplete.bash("skerryctl", spec.root().commandLine()));
    return 0;
  }

  /** What shell completion offers for SHELL. */
  static final class Shells implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("bash").iterator();
    }
  }
}
