package dev.skerry.agent.app;

import dev.skerry.agent.registry.RegistryAccess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads per-registry access: the YAML {@code registries:} map and {@code --registry-login
 * HOST:PORT=USER:PASSWORD_FILE}. Passwords never appear in an error.
 */
final class RegistryOptions {
  private static final Set<String> FIELDS =
      Set.of("username", "password", "password-file", "ca-file");

  private RegistryOptions() {}

  /** {@code registries: {host:port: {username, password | password-file, ca-file}}}. */
  static Map<String, RegistryAccess> fromYaml(Object value, Path file, List<String> errors) {
    Map<String, RegistryAccess> out = new LinkedHashMap<>();
    if (!(value instanceof Map<?, ?> map)) {
      errors.add("registries: expected a map of host:port to settings in " + file);
      return out;
    }
    map.forEach(
        (host, settings) -> {
          if (!(settings instanceof Map<?, ?> fields)) {
            errors.add("registries: '" + host + "' must map to username/password/ca-file settings");
            return;
          }
          for (Object key : fields.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
              errors.add("registries: unknown setting '" + key + "' for '" + host + "'");
            }
          }
          out.put(
              String.valueOf(host),
              new RegistryAccess(
                  text(fields.get("username")),
                  text(fields.get("password")),
                  path(fields.get("password-file")),
                  path(fields.get("ca-file"))));
        });
    return out;
  }

  /** Adds or replaces the login of each {@code HOST:PORT=USER:PASSWORD_FILE}, keeping its CA. */
  static Map<String, RegistryAccess> withLogins(
      Map<String, RegistryAccess> base, List<String> logins, List<String> errors) {
    Map<String, RegistryAccess> out = new LinkedHashMap<>(base);
    for (String login : logins) {
      int eq = login.indexOf('=');
      int colon = login.indexOf(':', eq + 1);
      if (eq <= 0 || colon <= eq + 1 || colon == login.length() - 1) {
        // The value holds no secret (only a file name), so it can be shown.
        errors.add("registry-login: expected HOST:PORT=USER:PASSWORD_FILE, got '" + login + "'");
        continue;
      }
      String host = login.substring(0, eq);
      RegistryAccess old = out.getOrDefault(host, RegistryAccess.NONE);
      out.put(
          host,
          new RegistryAccess(
              login.substring(eq + 1, colon),
              null,
              Path.of(login.substring(colon + 1)),
              old.caFile()));
    }
    return out;
  }

  private static String text(Object v) {
    return v == null ? null : String.valueOf(v);
  }

  private static Path path(Object v) {
    return v == null ? null : Path.of(String.valueOf(v));
  }
}
