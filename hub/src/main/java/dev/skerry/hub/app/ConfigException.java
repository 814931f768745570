package dev.skerry.hub.app;

import java.util.List;

/** The configuration is unusable; start-up stops with every error listed. Not retryable. */
public final class ConfigException extends RuntimeException {
  private final List<String> errors;

  public ConfigException(List<String> errors) {
    super(String.join("; ", errors));
    this.errors = List.copyOf(errors);
  }

  public ConfigException(String error) {
    this(List.of(error));
  }

  public List<String> errors() {
    return errors;
  }
}
