package dev.skerry.hub.cli;

import dev.skerry.core.labels.LabelSelector;
import java.util.Map;
import java.util.Objects;

/**
 * A label selector as {@code -l} takes it; parsing and matching are {@link LabelSelector}'s, the
 * same the hub uses for {@code labelSelector}. This adds the usage error and the text to send.
 */
final class Selector {
  private final String text;
  private final LabelSelector selector;

  private Selector(String text, LabelSelector selector) {
    this.text = text;
    this.selector = selector;
  }

  /** Parses {@code text}; throws a usage error naming the first bad requirement. */
  static Selector parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return new Selector(text.replace(" ", ""), LabelSelector.parse(text));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          e.getMessage(),
          "use k=v, k!=v, k or !k, separated by commas, e.g. -l site=berlin,tier!=test");
    }
  }

  boolean matches(Map<String, String> labels) {
    return selector.matches(labels);
  }

  /** The selector as the server's {@code labelSelector} query parameter takes it. */
  @Override
  public String toString() {
    return text;
  }
}
