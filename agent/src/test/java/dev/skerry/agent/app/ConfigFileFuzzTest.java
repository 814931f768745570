package dev.skerry.agent.app;

import dev.skerry.testsupport.fuzz.Fuzz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Mutated agent config files: loaded or refused with a ConfigException, nothing else. */
class ConfigFileFuzzTest {
  @TempDir Path dir;

  static final String CONFIG =
      "device-id: pi-1\nhub: mqtts://hub.example:8883\nlabels: site=north,arch=arm64\n"
          + "data-dir: /var/lib/skerry-agent\napi-listen: 127.0.0.1:9101\n"
          + "insecure-registry:\n  - registry.local:5000\nheartbeat-seconds: 60\n";

  @Test
  @Timeout(90)
  void refusesMutatedConfigFilesOnlyWithAConfigException() {
    Path file = dir.resolve("agent.yaml");
    ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));

    Fuzz.parser("agent config file")
        .seeds(CONFIG, "registries:\n  - host: r:5000\n    ca-file: /x\n", "{}")
        .dictionary(List.of(":", "- ", "\n", "  ", "&a ", "*a", "!!", "[", "]", "{", "}", "=", ","))
        .allowing(ConfigException.class)
        .inputs(1_000)
        .run(
            yaml -> {
              Files.write(file, yaml);
              loader.load(new String[] {"--config", file.toString()});
            });
  }
}
