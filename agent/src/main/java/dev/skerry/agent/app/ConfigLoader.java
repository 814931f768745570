package dev.skerry.agent.app;

import dev.skerry.agent.registry.RegistryAccess;
import dev.skerry.agent.runtime.ImageStorage;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an {@link AgentConfig}: flag > environment ({@code SKERRY_} + upper-case name, dashes as
 * underscores) > YAML file (same keys as the flags) > default. Collects every error before failing;
 * then {@link ConfigValidator} checks the values.
 */
public final class ConfigLoader {
  /** Option names; each is a flag {@code --name}, a YAML key and {@code SKERRY_NAME}. */
  static final List<String> OPTIONS =
      List.of(
          "config",
          "device-id",
          "hub",
          "labels",
          "containerd-socket",
          "namespace",
          "data-dir",
          "api-listen",
          "insecure-registry",
          "platform",
          "allowed-host-paths",
          "log-max-bytes",
          "registry-login",
          "registry-ca",
          "containerd-root",
          "image-size-factor",
          "image-gc-threshold",
          "outbox-max",
          "mqtt-ca",
          "join-token",
          "join-token-file",
          "hub-api",
          "insecure-unsigned-desired",
          "volume-retention-days");

  /** Options that may be given as a bare flag, meaning {@code true}. */
  static final Set<String> BOOLEAN = Set.of("insecure-unsigned-desired");

  /** YAML keys that have no flag or environment form. */
  static final String REGISTRIES = "registries";

  static final Set<String> MULTI =
      Set.of("insecure-registry", "allowed-host-paths", "registry-login");

  private final Map<String, String> env;
  private final Path defaultConfigFile;

  public ConfigLoader(Map<String, String> env, Path defaultConfigFile) {
    this.env = Map.copyOf(env);
    this.defaultConfigFile = defaultConfigFile;
  }

  public static ConfigLoader system() {
    return new ConfigLoader(System.getenv(), AgentConfig.DEFAULT_CONFIG_FILE);
  }

  public AgentConfig load(String[] args) throws ConfigException {
    List<String> errors = new ArrayList<>();
    Map<String, List<String>> flags = ConfigSources.parseFlags(args, errors);
    Map<String, List<String>> fromEnv = ConfigSources.fromEnv(env);
    Path file = null;
    Map<String, List<String>> fromFile = Map.of();
    Map<String, RegistryAccess> registries = new LinkedHashMap<>();
    String configName = first(flags, fromEnv, "config");
    if (configName != null) {
      file = Path.of(configName);
      if (!Files.isRegularFile(file)) {
        errors.add("config: file not found: " + file);
      } else {
        fromFile = ConfigSources.fromYaml(file, errors, registries);
      }
    } else if (defaultConfigFile != null && Files.isRegularFile(defaultConfigFile)) {
      file = defaultConfigFile;
      fromFile = ConfigSources.fromYaml(file, errors, registries);
    }
    Map<String, List<String>> merged = new LinkedHashMap<>(fromFile);
    merged.putAll(fromEnv);
    merged.putAll(flags);
    AgentConfig config =
        toConfig(
            file,
            merged,
            RegistryOptions.withLogins(
                registries, merged.getOrDefault("registry-login", List.of()), errors),
            errors);
    errors.addAll(ConfigValidator.validate(config));
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return config;
  }

  private static String first(Map<String, List<String>> a, Map<String, List<String>> b, String k) {
    List<String> v = a.containsKey(k) ? a.get(k) : b.get(k);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  private static AgentConfig toConfig(
      Path file,
      Map<String, List<String>> raw,
      Map<String, RegistryAccess> registries,
      List<String> errors) {
    AgentConfig d = AgentConfig.defaults();
    URI hub = d.hub();
    String hubText = single(raw, "hub");
    if (hubText != null && !hubText.isEmpty()) {
      try {
        hub = new URI(hubText);
      } catch (URISyntaxException e) {
        errors.add("hub: not a URL: " + hubText);
      }
    }
    Map<String, String> labels = d.labels();
    if (raw.containsKey("labels")) {
      labels = new LinkedHashMap<>();
      for (String pair : raw.get("labels")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          errors.add("labels: expected k=v, got '" + pair + "'");
        } else {
          labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
      }
    }
    Platform platform = d.platform();
    String platformText = single(raw, "platform");
    if (platformText != null) {
      try {
        platform = Platform.parse(platformText);
      } catch (IllegalArgumentException e) {
        errors.add("platform: " + e.getMessage());
      }
    }
    long logMaxBytes = number(raw, "log-max-bytes", d.logMaxBytes(), "a number of bytes", errors);
    ImageStorage storage = d.imageStorage();
    storage =
        new ImageStorage(
            path(raw, "containerd-root", storage.containerdRoot()),
            decimal(raw, "image-size-factor", storage.sizeFactor(), errors),
            (int)
                number(
                    raw,
                    "image-gc-threshold",
                    storage.gcThresholdPercent(),
                    "a percentage",
                    errors));
    int outboxMax = (int) number(raw, "outbox-max", d.outboxMax(), "a number of messages", errors);
    Path dataDir = path(raw, "data-dir", d.dataDir());
    URI hubApi = null;
    String hubApiText = single(raw, "hub-api");
    if (hubApiText != null && !hubApiText.isEmpty()) {
      try {
        hubApi = new URI(hubApiText);
      } catch (URISyntaxException e) {
        errors.add("hub-api: not a URL: " + hubApiText);
      }
    }
    String insecure = single(raw, "insecure-unsigned-desired");
    if (insecure != null && !insecure.equals("true") && !insecure.equals("false")) {
      errors.add("insecure-unsigned-desired: expected true or false, got '" + insecure + "'");
    }
    return new AgentConfig(
        file,
        deviceId(single(raw, "device-id"), dataDir, d.deviceId(), errors),
        hub,
        labels,
        path(raw, "containerd-socket", d.containerdSocket()),
        orDefault(single(raw, "namespace"), d.namespace()),
        dataDir,
        orDefault(single(raw, "api-listen"), d.apiListen()),
        raw.containsKey("insecure-registry")
            ? new LinkedHashSet<>(raw.get("insecure-registry"))
            : d.insecureRegistries(),
        platform,
        raw.containsKey("allowed-host-paths")
            ? raw.get("allowed-host-paths").stream().map(Path::of).toList()
            : d.allowedHostPaths(),
        logMaxBytes,
        registries,
        path(raw, "registry-ca", d.registryCa()),
        storage,
        outboxMax,
        path(raw, "mqtt-ca", d.mqttCa()),
        single(raw, "join-token"),
        path(raw, "join-token-file", null),
        hubApi,
        "true".equals(insecure),
        (int)
            number(
                raw, "volume-retention-days", d.volumeRetentionDays(), "a number of days", errors));
  }

  /**
   * Once enrolled, the device id is its certificate's CN: the default, and an explicit one that
   * differs is an error naming both.
   */
  private static String deviceId(
      String explicit, Path dataDir, String hostName, List<String> errors) {
    java.util.Optional<String> enrolled;
    try {
      enrolled = dev.skerry.agent.security.IdentityFiles.storedDeviceId(dataDir);
    } catch (IllegalArgumentException e) {
      errors.add("identity: cannot read " + dataDir.resolve("identity/device.crt") + ": " + e);
      return orDefault(explicit, hostName);
    }
    if (enrolled.isPresent() && explicit != null && !explicit.equals(enrolled.get())) {
      errors.add(
          "device-id: configured '"
              + explicit
              + "' but this device enrolled as '"
              + enrolled.get()
              + "' (certificate in "
              + dataDir.resolve("identity")
              + "); drop --device-id or enroll again with a new data dir");
    }
    return orDefault(explicit, enrolled.orElse(hostName));
  }

  private static long number(
      Map<String, List<String>> raw, String name, long fallback, String what, List<String> errors) {
    String text = single(raw, name);
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      errors.add(name + ": expected " + what + ", got '" + text + "'");
      return fallback;
    }
  }

  private static double decimal(
      Map<String, List<String>> raw, String name, double fallback, List<String> errors) {
    String text = single(raw, name);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      errors.add(name + ": expected a number, got '" + text + "'");
      return fallback;
    }
  }

  private static String single(Map<String, List<String>> raw, String name) {
    List<String> v = raw.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static Path path(Map<String, List<String>> raw, String name, Path fallback) {
    String v = single(raw, name);
    return v == null ? fallback : Path.of(v);
  }
}
