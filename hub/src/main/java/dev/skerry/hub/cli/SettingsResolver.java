package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Resolves the hub URL and token: flags, then environment ({@code SKERRY_HUB_URL}, {@code
 * SKERRY_TOKEN}, {@code SKERRY_TOKEN_FILE}), then the config file ({@code hub}, {@code token},
 * {@code token-file}), then {@link HubSettings#DEFAULT_HUB}. URL and token resolve independently.
 */
final class SettingsResolver {
  private static final Set<String> CONFIG_KEYS = Set.of("hub", "token", "token-file");

  private final Map<String, String> env;
  private final Path configFile;
  private final Consumer<String> warn;

  SettingsResolver(Map<String, String> env, Path configFile, Consumer<String> warn) {
    this.env = Objects.requireNonNull(env, "env");
    this.configFile = Objects.requireNonNull(configFile, "configFile");
    this.warn = Objects.requireNonNull(warn, "warn");
  }

  /** {@code $XDG_CONFIG_HOME/skerry/config.yaml}, else {@code ~/.config/skerry/config.yaml}. */
  static Path defaultConfigFile(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "skerry", "config.yaml");
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".config", "skerry", "config.yaml");
  }

  HubSettings resolve(HubFlags flags) {
    if (flags.token() != null && flags.tokenFile() != null) {
      throw CliException.usage("give --token or --token-file, not both", null);
    }
    Source hub = fromFlag(flags.hub(), "--hub").or(() -> fromEnv("SKERRY_HUB_URL")).orElse(null);
    Source token =
        fromFlag(flags.token(), "--token")
            .or(() -> fromFlag(flags.tokenFile(), "--token-file").map(s -> tokenFile(s, null)))
            .or(() -> fromEnv("SKERRY_TOKEN"))
            .or(() -> fromEnv("SKERRY_TOKEN_FILE").map(s -> tokenFile(s, null)))
            .orElse(null);
    if (hub == null || token == null) {
      Map<String, String> file = readConfigFile();
      String where = configFile.toString();
      if (hub == null && file.containsKey("hub")) {
        hub = new Source(file.get("hub"), where);
      }
      if (token == null && file.containsKey("token")) {
        token = new Source(file.get("token"), where);
      } else if (token == null && file.containsKey("token-file")) {
        token = tokenFile(new Source(file.get("token-file"), where), configFile.getParent());
      }
    }
    if (hub == null) {
      hub = new Source(HubSettings.DEFAULT_HUB, "default");
    }
    return new HubSettings(
        hubUri(hub),
        token == null || token.value.isEmpty() ? null : token.value,
        hub.origin,
        token == null ? "none" : token.origin);
  }

  private record Source(String value, String origin) {}

  private static Optional<Source> fromFlag(String value, String flag) {
    return Optional.ofNullable(value).map(v -> new Source(v, flag));
  }

  private Optional<Source> fromEnv(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(new Source(v, name));
  }

  /**
   * Reads the token from the file a source names; relative paths in the config file resolve against
   * its directory.
   */
  private static Source tokenFile(Source file, Path base) {
    Path path = Path.of(file.value);
    if (base != null && !path.isAbsolute()) {
      path = base.resolve(path);
    }
    try {
      return new Source(Files.readString(path).trim(), path + " (from " + file.origin + ")");
    } catch (IOException e) {
      throw new CliException(
          CliException.USAGE,
          "cannot read token file " + path + " (from " + file.origin + "): " + reason(e),
          List.of(),
          "check the path, or pass the token with --token or SKERRY_TOKEN");
    }
  }

  private Map<String, String> readConfigFile() {
    if (!Files.exists(configFile)) {
      return Map.of();
    }
    JsonNode root;
    try {
      root = Json.yamlMapper().readTree(configFile.toFile());
    } catch (IOException e) {
      throw CliException.usage("cannot read config file " + configFile + ": " + reason(e), null);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return Map.of();
    }
    if (!root.isObject()) {
      throw CliException.usage(
          "config file " + configFile + " must be a mapping of hub, token, token-file", null);
    }
    Map<String, String> values = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!CONFIG_KEYS.contains(e.getKey())) {
        warn.accept("config file " + configFile + ": unknown key '" + e.getKey() + "' ignored");
      } else if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw CliException.usage(
            "config file " + configFile + ": '" + e.getKey() + "' must be a string", null);
      } else {
        values.put(e.getKey(), e.getValue().asText());
      }
    }
    return values;
  }

  private static URI hubUri(Source hub) {
    String text = hub.value.strip();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      URI uri = new URI(text);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (http && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw CliException.usage(
        "invalid hub URL '" + hub.value + "' (from " + hub.origin + ")",
        "give the hub's REST address, e.g. --hub http://hub.example:8080");
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
