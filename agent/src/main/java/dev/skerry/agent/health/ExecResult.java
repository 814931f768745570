package dev.skerry.agent.health;

/**
 * How a command run inside a container ended.
 *
 * @param exitCode the process's exit code; 0 means the probe passed
 * @param outputSnippet the start of its combined stdout/stderr, for the message; empty if none
 */
public record ExecResult(int exitCode, String outputSnippet) {
  public ExecResult {
    outputSnippet = outputSnippet == null ? "" : outputSnippet;
  }
}
