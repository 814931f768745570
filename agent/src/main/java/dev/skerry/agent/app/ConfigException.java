package dev.skerry.agent.app;

import java.util.List;

/**
 * The configuration is invalid; {@link #errors()} lists every problem found, not just the first.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> errors;

  public ConfigException(List<String> errors) {
    super("invalid configuration:\n  - " + String.join("\n  - ", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
