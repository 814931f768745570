package dev.skerry.hub.cli;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The commands, their help and their flags. Kept free of JSON and HTTP types so that {@code
 * version} and {@code help} start without loading them.
 */
enum CommandSpec {
  GET(
      "List devices or deployments",
      "get devices|deployments [NAME] [-l SELECTOR] [-o json|yaml|wide]",
      """
      Flags:
        -l, --selector SELECTOR   devices only: k=v, k!=v, k, !k joined by commas; sent to the hub
                                  as labelSelector and applied again by skerryctl
        -o, --output FORMAT       json, yaml or wide (more columns); default: a table

      Examples:
        skerryctl get devices -l site=berlin,tier!=test
        skerryctl get deployment web -o yaml""",
      EnumSet.of(Flag.SELECTOR, Flag.OUTPUT)),
  DESCRIBE(
      "Show one device or deployment in detail",
      "describe device ID... | describe deployment NAME...",
      """
      Examples:
        skerryctl describe device pi-01
        skerryctl describe deployment web""",
      EnumSet.noneOf(Flag.class)),
  APPLY(
      "Create or update deployments from YAML or JSON",
      "apply -f FILE [-f FILE...]",
      """
      Flags:
        -f, --filename FILE   YAML (several documents separated by ---) or JSON (an object or
                              an array); '-' reads standard input; may be repeated

      Prints deployment/NAME configured (revision N), or unchanged when the hub kept the
      revision it had.

      Examples:
        skerryctl apply -f web.yaml
        cat all.yaml | skerryctl apply -f -""",
      EnumSet.of(Flag.FILENAME)),
  DELETE(
      "Delete deployments (their workloads leave the devices)",
      "delete deployment NAME...",
      "Example:\n  skerryctl delete deployment web",
      EnumSet.noneOf(Flag.class)),
  LABEL(
      "Set or remove a device's operator labels",
      "label device ID KEY=VALUE... KEY-...",
      """
      KEY=VALUE sets a label, KEY- removes it; other labels stay as they are.

      Example:
        skerryctl label device pi-01 site=berlin tier-""",
      EnumSet.noneOf(Flag.class)),
  ROLLOUT(
      "Show, pause, resume or undo a deployment's rollout",
      "rollout status|pause|resume|undo NAME [-o json|yaml]",
      """
      status   print the rollout's state and counts (-o json|yaml: the rollout object)
      pause    stop promoting further waves
      resume   continue a paused rollout
      undo     roll back to the previous revision

      Example:
        skerryctl rollout status web""",
      EnumSet.of(Flag.OUTPUT)),
  VERSION("Print skerryctl's version", "version", "", EnumSet.noneOf(Flag.class)),
  HELP("Show help for skerryctl or a command", "help [COMMAND]", "", EnumSet.noneOf(Flag.class));

  final String summary;
  final String synopsis;
  final String details;
  final Set<Flag> flags;

  CommandSpec(String summary, String synopsis, String details, Set<Flag> flags) {
    this.summary = summary;
    this.synopsis = synopsis;
    this.details = details;
    this.flags = flags;
  }

  String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Optional<CommandSpec> byWord(String word) {
    for (CommandSpec c : values()) {
      if (c.word().equals(word)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
