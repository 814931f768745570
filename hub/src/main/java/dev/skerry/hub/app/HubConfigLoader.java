package dev.skerry.hub.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@link HubConfig} from its four sources, highest precedence first: command-line flags,
 * environment ({@code SKERRY_} + upper-case name), YAML file ({@code --config}), defaults. Every
 * problem is collected; {@link ConfigException} carries them all.
 */
public final class HubConfigLoader {
  static final String CONFIG = "config";
  static final String HTTP_HOST = "http-host";
  static final String HTTP_PORT = "http-port";
  static final String DATA_DIR = "data-dir";
  static final String DB_URL = "db-url";
  static final String MQTT_URL = "mqtt-url";
  static final String EMBEDDED_MQTT_HOST = "embedded-mqtt-host";
  static final String EMBEDDED_MQTT_PORT = "embedded-mqtt-port";
  static final String ADMIN_TOKEN_FILE = "admin-token-file";
  static final String LOG_FORMAT = "log-format";
  static final String EMBEDDED_MQTTS_PORT = "embedded-mqtts-port";
  static final String EMBEDDED_MQTT_KEYSTORE = "embedded-mqtt-keystore";
  static final String EMBEDDED_MQTT_KEYSTORE_PASSWORD_FILE = "embedded-mqtt-keystore-password-file";
  static final String HEARTBEAT_SECONDS = "heartbeat-seconds";
  static final String STALE_AFTER_HEARTBEATS = "stale-after-heartbeats";
  static final String MQTT_CA = "mqtt-ca";
  static final String HTTPS_PORT = "https-port";
  static final String PUBLIC_HOST = "public-host";
  static final String INSECURE_ANONYMOUS_MQTT = "insecure-anonymous-mqtt";
  static final String DEVICE_CERT_LIFETIME = "device-cert-lifetime";
  static final String MQTT_CLIENT_CERT = "mqtt-client-cert";
  static final String MQTT_CLIENT_KEY = "mqtt-client-key";
  static final String HTTPS_HOST = "https-host";
  static final String INSECURE_HTTP_BIND = "insecure-http-bind";
  static final String HTTPS_KEYSTORE = "https-keystore";
  static final String HTTPS_KEYSTORE_PASSWORD_FILE = "https-keystore-password-file";

  /** Every option name; the same in flags ({@code --name}), env and the YAML file. */
  public static final Set<String> KEYS =
      Set.of(
          CONFIG,
          HTTP_HOST,
          HTTP_PORT,
          DATA_DIR,
          DB_URL,
          MQTT_URL,
          EMBEDDED_MQTT_HOST,
          EMBEDDED_MQTT_PORT,
          ADMIN_TOKEN_FILE,
          HEARTBEAT_SECONDS,
          STALE_AFTER_HEARTBEATS,
          MQTT_CA,
          LOG_FORMAT,
          EMBEDDED_MQTTS_PORT,
          EMBEDDED_MQTT_KEYSTORE,
          EMBEDDED_MQTT_KEYSTORE_PASSWORD_FILE,
          HTTPS_PORT,
          PUBLIC_HOST,
          INSECURE_ANONYMOUS_MQTT,
          DEVICE_CERT_LIFETIME,
          MQTT_CLIENT_CERT,
          MQTT_CLIENT_KEY,
          HTTPS_HOST,
          INSECURE_HTTP_BIND,
          HTTPS_KEYSTORE,
          HTTPS_KEYSTORE_PASSWORD_FILE);

  private final Map<String, String> env;

  public HubConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Loads and validates; throws {@link ConfigException} listing every error. */
  public HubConfig load(String[] args) {
    List<String> errors = new ArrayList<>();
    Map<String, String> flags = parseFlags(args, errors);
    Map<String, String> fromEnv = fromEnv();
    String configFile = flags.getOrDefault(CONFIG, fromEnv.get(CONFIG));
    Map<String, String> merged = new HashMap<>();
    if (configFile != null) {
      merged.putAll(readYaml(Path.of(configFile), errors));
    }
    merged.putAll(fromEnv);
    merged.putAll(flags);
    HubConfig config = build(merged, errors);
    errors.addAll(HubConfigValidator.validate(config));
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return config;
  }

  static String envName(String key) {
    return "SKERRY_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }

  private Map<String, String> fromEnv() {
    Map<String, String> values = new HashMap<>();
    for (String key : KEYS) {
      String value = env.get(envName(key));
      if (value != null) {
        values.put(key, value);
      }
    }
    return values;
  }

  private static Map<String, String> parseFlags(String[] args, List<String> errors) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        errors.add("unexpected argument '" + arg + "'");
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!KEYS.contains(name)) {
        errors.add("unknown option --" + name);
        if (eq < 0 && i + 1 < args.length && !args[i + 1].startsWith("--")) {
          i++; // its value, not a stray argument
        }
        continue;
      }
      if (value == null
          && INSECURE_ANONYMOUS_MQTT.equals(name)
          && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
        value = "true"; // a switch
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          errors.add("option --" + name + " needs a value");
          continue;
        }
        value = args[++i];
      }
      // --public-host is repeatable: the names gather, comma-separated as in env and YAML.
      if (PUBLIC_HOST.equals(name) && values.containsKey(name)) {
        value = values.get(name) + "," + value;
      }
      values.put(name, value);
    }
    return values;
  }

  private static Map<String, String> readYaml(Path file, List<String> errors) {
    Map<String, String> values = new HashMap<>();
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      errors.add("config file " + file + ": cannot read: " + e.getMessage());
      return values;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return values;
    }
    if (!root.isObject()) {
      errors.add("config file " + file + ": must be a mapping of option names to values");
      return values;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!KEYS.contains(field.getKey()) || CONFIG.equals(field.getKey())) {
        errors.add("config file " + file + ": unknown key '" + field.getKey() + "'");
      } else if (!field.getValue().isValueNode() || field.getValue().isNull()) {
        errors.add("config file " + file + ": '" + field.getKey() + "' must be a plain value");
      } else {
        values.put(field.getKey(), field.getValue().asText());
      }
    }
    return values;
  }

  private static HubConfig build(Map<String, String> v, List<String> errors) {
    HubConfig d = HubConfig.defaults();
    return new HubConfig(
        Optional.ofNullable(v.get(CONFIG)).map(Path::of),
        v.getOrDefault(HTTP_HOST, d.httpHost()),
        port(v, HTTP_PORT, d.httpPort(), errors),
        Optional.ofNullable(v.get(DATA_DIR)).map(Path::of).orElse(d.dataDir()),
        Optional.ofNullable(v.get(DB_URL)),
        Optional.ofNullable(v.get(MQTT_URL)),
        v.getOrDefault(EMBEDDED_MQTT_HOST, d.embeddedMqttHost()),
        port(v, EMBEDDED_MQTT_PORT, d.embeddedMqttPort(), errors),
        Optional.ofNullable(v.get(ADMIN_TOKEN_FILE)).map(Path::of),
        port(v, HEARTBEAT_SECONDS, d.heartbeatSeconds(), errors),
        port(v, STALE_AFTER_HEARTBEATS, d.staleAfterHeartbeats(), errors),
        Optional.ofNullable(v.get(MQTT_CA)).map(Path::of),
        v.getOrDefault(LOG_FORMAT, HubConfig.DEFAULT_LOG_FORMAT),
        v.containsKey(EMBEDDED_MQTTS_PORT)
            ? port(v, EMBEDDED_MQTTS_PORT, 0, errors)
            : v.containsKey(MQTT_URL) ? 0 : d.embeddedMqttsPort(),
        Optional.ofNullable(v.get(EMBEDDED_MQTT_KEYSTORE)).map(Path::of),
        Optional.ofNullable(v.get(EMBEDDED_MQTT_KEYSTORE_PASSWORD_FILE)).map(Path::of),
        port(v, HTTPS_PORT, d.httpsPort(), errors),
        publicHosts(v.get(PUBLIC_HOST)),
        bool(v, INSECURE_ANONYMOUS_MQTT, errors),
        duration(v, DEVICE_CERT_LIFETIME, d.deviceCertLifetime(), errors),
        Optional.ofNullable(v.get(MQTT_CLIENT_CERT)).map(Path::of),
        Optional.ofNullable(v.get(MQTT_CLIENT_KEY)).map(Path::of),
        new HttpsSettings(
            v.getOrDefault(HTTPS_HOST, d.https().host()),
            Optional.ofNullable(v.get(INSECURE_HTTP_BIND)),
            Optional.ofNullable(v.get(HTTPS_KEYSTORE)).map(Path::of),
            Optional.ofNullable(v.get(HTTPS_KEYSTORE_PASSWORD_FILE)).map(Path::of)));
  }

  private static java.time.Duration duration(
      Map<String, String> v, String key, java.time.Duration fallback, List<String> errors) {
    String raw = v.get(key);
    if (raw == null) {
      return fallback;
    }
    try {
      return java.time.Duration.parse(raw.trim());
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(key + ": '" + raw + "' is not an ISO-8601 duration (e.g. P90D, PT12H)");
      return fallback;
    }
  }

  private static boolean bool(Map<String, String> v, String key, List<String> errors) {
    String raw = v.get(key);
    if (raw == null) {
      return false;
    }
    if (!raw.equals("true") && !raw.equals("false")) {
      errors.add(key + ": '" + raw + "' is not true or false");
    }
    return raw.equals("true");
  }

  private static List<String> publicHosts(String raw) {
    if (raw == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String n : raw.split(",")) {
      if (!n.isBlank()) {
        names.add(n.strip());
      }
    }
    return names;
  }

  private static int port(Map<String, String> v, String key, int fallback, List<String> errors) {
    String raw = v.get(key);
    if (raw == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      errors.add(key + ": '" + raw + "' is not a number");
      return fallback;
    }
  }
}
