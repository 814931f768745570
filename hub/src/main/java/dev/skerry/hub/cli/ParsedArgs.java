package dev.skerry.hub.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line split into words (command, sub-command, names, in order) and flag values.
 *
 * @param words the arguments that are not flags or flag values
 * @param flags each given flag with its values in order ({@code "true"} for switches)
 */
record ParsedArgs(List<String> words, Map<Flag, List<String>> flags) {
  ParsedArgs {
    words = List.copyOf(words);
    flags = Map.copyOf(flags);
  }

  boolean has(Flag flag) {
    return flags.containsKey(flag);
  }

  /** The last value given for the flag: a later flag overrides an earlier one. */
  Optional<String> value(Flag flag) {
    List<String> values = flags.get(flag);
    return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  List<String> values(Flag flag) {
    return flags.getOrDefault(flag, List.of());
  }

  /** The word at the index, or empty. */
  Optional<String> word(int index) {
    return index < words.size() ? Optional.of(words.get(index)) : Optional.empty();
  }
}
