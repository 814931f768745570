package dev.skerry.hub.cli;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Every flag skerryctl knows; which command accepts which is in {@link CommandSpec}. */
enum Flag {
  HUB("--hub", null, true),
  TOKEN("--token", null, true),
  TOKEN_FILE("--token-file", null, true),
  HELP("--help", "-h", false),
  SELECTOR("--selector", "-l", true),
  OUTPUT("--output", "-o", true),
  FILENAME("--filename", "-f", true);

  /** Flags every command accepts. */
  static final Set<Flag> GLOBAL = EnumSet.of(HUB, TOKEN, TOKEN_FILE, HELP);

  final String longName;
  final String shortName;
  final boolean takesValue;

  Flag(String longName, String shortName, boolean takesValue) {
    this.longName = longName;
    this.shortName = shortName;
    this.takesValue = takesValue;
  }

  static Optional<Flag> byName(String name) {
    for (Flag f : values()) {
      if (f.longName.equals(name) || name.equals(f.shortName)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** How help texts show the flag, e.g. {@code -l, --selector}. */
  String display() {
    return shortName == null ? longName : shortName + ", " + longName;
  }
}
