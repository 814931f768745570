package dev.skerry.hub.cli;

import picocli.CommandLine.Option;

/**
 * The flags every command takes, mixed into each command so that they may stand anywhere on the
 * line ({@code skerryctl --hub URL get devices} and {@code skerryctl get devices --hub URL}).
 * {@link Skerryctl} reads their values from the parse result, the deepest command's last.
 */
final class GlobalOptions {
  @Option(
      names = "--hub",
      paramLabel = "URL",
      description = "the hub's REST address (default " + HubSettings.DEFAULT_HUB + ")")
  String hub;

  @Option(names = "--token", paramLabel = "TOKEN", description = "bearer token for the API")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", description = "read the token from FILE")
  String tokenFile;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show help")
  boolean help;
}
