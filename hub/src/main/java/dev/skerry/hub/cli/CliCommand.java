package dev.skerry.hub.cli;

/** A command picocli has filled with its arguments; runs it and returns the exit code. */
interface CliCommand {
  int run();
}
