package dev.skerry.agent.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.skerry.agent.registry.RegistryAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three sources of the agent's options, each read into raw values by option name: the command
 * line ({@code --name value}, {@code --name=value}), the environment ({@code SKERRY_NAME}) and the
 * YAML file. Every problem is added to {@code errors}; {@link ConfigLoader} layers the sources and
 * turns the values into an {@link AgentConfig}.
 */
final class ConfigSources {
  private ConfigSources() {}

  static Map<String, List<String>> parseFlags(String[] args, List<String> errors) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        errors.add("unexpected argument: " + arg);
        continue;
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (ConfigLoader.BOOLEAN.contains(name)
          && (i + 1 == args.length || args[i + 1].startsWith("--"))) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        errors.add("--" + name + ": missing value");
        continue;
      }
      if (!ConfigLoader.OPTIONS.contains(name)) {
        errors.add("unknown option --" + name);
        continue;
      }
      out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(split(name, value));
    }
    return out;
  }

  static Map<String, List<String>> fromEnv(Map<String, String> env) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : ConfigLoader.OPTIONS) {
      String value = env.get("SKERRY_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (value != null) {
        out.put(name, split(name, value));
      }
    }
    return out;
  }

  static Map<String, List<String>> fromYaml(
      Path file, List<String> errors, Map<String, RegistryAccess> registries) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Map<?, ?> yaml;
    try {
      yaml = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      errors.add(
          "config: cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
      return out;
    }
    if (yaml == null) {
      return out;
    }
    yaml.forEach(
        (k, v) -> {
          String name = String.valueOf(k);
          if (name.equals(ConfigLoader.REGISTRIES)) {
            registries.putAll(RegistryOptions.fromYaml(v, file, errors));
          } else if (!ConfigLoader.OPTIONS.contains(name) || name.equals("config")) {
            errors.add("config: unknown key '" + name + "' in " + file);
          } else if (v instanceof List<?> list) {
            out.put(name, list.stream().map(String::valueOf).toList());
          } else if (v instanceof Map<?, ?> map) {
            List<String> pairs = new ArrayList<>();
            map.forEach((mk, mv) -> pairs.add(mk + "=" + mv));
            out.put(name, pairs);
          } else if (v != null) {
            out.put(name, split(name, String.valueOf(v)));
          }
        });
    return out;
  }

  /** Comma-separated lists for labels and the repeatable options; single values otherwise. */
  private static List<String> split(String name, String value) {
    if (name.equals("labels") || ConfigLoader.MULTI.contains(name)) {
      return java.util.Arrays.stream(value.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    }
    return List.of(value.strip());
  }
}
