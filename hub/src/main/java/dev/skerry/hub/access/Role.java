package dev.skerry.hub.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do; each role may do everything the roles before it may. {@code viewer} reads
 * everything but secrets; {@code operator} also changes workloads (deploy, pause, resume, roll
 * back, restart, read logs, label devices); {@code admin} also manages users, tokens, join tokens,
 * revocations and keys.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** True if this role may do what {@code required} may. */
  public boolean covers(Role required) {
    return compareTo(required) >= 0;
  }

  /** The name in the API and the CLI: {@code viewer}, {@code operator}, {@code admin}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role of that name, case-insensitively; empty if there is none. */
  public static Optional<Role> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (Role r : values()) {
      if (r.wireName().equalsIgnoreCase(name.strip())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
