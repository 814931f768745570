package dev.skerry.agent.app;

import dev.skerry.agent.registry.RegistryAccess;
import dev.skerry.agent.runtime.ImageStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** The registry and image-storage part of {@link ConfigValidator}; never shows a password. */
final class RegistryValidation {
  private RegistryValidation() {}

  static void check(AgentConfig c, List<String> errors, Predicate<String> hostPort) {
    c.registries()
        .forEach(
            (host, access) -> {
              if (!hostPort.test(host)) {
                errors.add("registries: expected HOST:PORT, got '" + host + "'");
              }
              checkLogin(host, access, errors);
              readable("registries: ca-file of " + host, access.caFile(), errors);
            });
    readable("registry-ca", c.registryCa(), errors);
    ImageStorage s = c.imageStorage();
    if (!s.containerdRoot().isAbsolute()) {
      errors.add("containerd-root: '" + s.containerdRoot() + "' must be absolute");
    }
    if (!(s.sizeFactor() >= 1.0 && s.sizeFactor() <= 100)) {
      errors.add("image-size-factor: must be between 1 and 100, got " + s.sizeFactor());
    }
    if (s.gcThresholdPercent() < 1 || s.gcThresholdPercent() > 100) {
      errors.add("image-gc-threshold: must be a percentage 1-100, got " + s.gcThresholdPercent());
    }
  }

  private static void checkLogin(String host, RegistryAccess a, List<String> errors) {
    boolean secret = a.password() != null || a.passwordFile() != null;
    if (a.password() != null && a.passwordFile() != null) {
      errors.add("registries: " + host + " has both password and password-file; keep one");
    }
    if (a.username() == null && secret) {
      errors.add("registries: " + host + " has a password but no username");
    }
    if (a.username() != null && (a.username().isEmpty() || a.username().contains(":"))) {
      errors.add("registries: " + host + ": username must be non-empty and without ':'");
    }
    if (a.username() != null && !secret) {
      errors.add("registries: " + host + " has a username but no password or password-file");
    }
    readable("registries: password-file of " + host, a.passwordFile(), errors);
  }

  private static void readable(String what, Path file, List<String> errors) {
    if (file != null && !Files.isReadable(file)) {
      errors.add(what + ": cannot read " + file);
    }
  }
}
