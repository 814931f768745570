package dev.skerry.hub.cli;

import picocli.CommandLine.Command;

/** {@code create KIND}: only the parent of its sub-commands (today {@code join-token}). */
@Command(
    name = "create",
    description = "Create a join token, a user or a personal API token",
    customSynopsis = "skerryctl create join-token|user|token [FLAGS]")
final class CreateCommand implements CliCommand {
  @Override
  public int run() {
    throw CliException.usage(
        "missing resource type for create",
        "use 'join-token', 'user' or 'token', e.g. skerryctl create join-token");
  }
}
