package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {
  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private HubSettings resolve(Map<String, String> env, String... flags) {
    Path config = SettingsResolver.defaultConfigFile(Map.of("HOME", dir.toString()));
    return new SettingsResolver(env, config, warnings::add).resolve(flags(flags));
  }

  /** {@code --hub URL --token T --token-file F}, as picocli hands them over. */
  private static HubFlags flags(String... pairs) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return new HubFlags(m.get("--hub"), m.get("--token"), m.get("--token-file"));
  }

  private void config(String yaml) throws IOException {
    Path file = dir.resolve(".config/skerry/config.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
  }

  @Test
  void defaultsToLoopbackWithoutAToken() {
    HubSettings s = resolve(Map.of());

    assertThat(s.hub()).hasToString("http://127.0.0.1:8080");
    assertThat(s.token()).isNull();
    assertThat(s.hubSource()).isEqualTo("default");
  }

  @Test
  void flagsBeatEnvironmentBeatsConfigFile() throws IOException {
    config("hub: http://file:1\ntoken: file-token\n");
    Map<String, String> env = Map.of("SKERRY_HUB_URL", "http://env:2", "SKERRY_TOKEN", "env-token");

    HubSettings fromFlags = resolve(env, "--hub", "http://flag:3", "--token", "flag-token");
    HubSettings fromEnv = resolve(env);
    HubSettings fromFile = resolve(Map.of());

    assertThat(fromFlags.hub()).hasToString("http://flag:3");
    assertThat(fromFlags.token()).isEqualTo("flag-token");
    assertThat(fromEnv.hub()).hasToString("http://env:2");
    assertThat(fromEnv.token()).isEqualTo("env-token");
    assertThat(fromFile.hub()).hasToString("http://file:1");
    assertThat(fromFile.token()).isEqualTo("file-token");
  }

  @Test
  void resolvesHubAndTokenIndependently() throws IOException {
    config("hub: http://file:1\ntoken: file-token\n");

    HubSettings s = resolve(Map.of("SKERRY_TOKEN", "env-token"));

    assertThat(s.hub()).hasToString("http://file:1");
    assertThat(s.token()).isEqualTo("env-token");
  }

  @Test
  void readsTokenFilesTrimmedAndRelativeToTheConfigFile() throws IOException {
    config("token-file: admin.token\n");
    Files.writeString(dir.resolve(".config/skerry/admin.token"), "secret\n");
    Files.writeString(dir.resolve("flag.token"), "  flag-secret \n");

    assertThat(resolve(Map.of()).token()).isEqualTo("secret");
    assertThat(resolve(Map.of(), "--token-file", dir.resolve("flag.token").toString()).token())
        .isEqualTo("flag-secret");
    assertThat(
            resolve(Map.of("SKERRY_TOKEN_FILE", dir.resolve("flag.token").toString()))
                .tokenSource())
        .startsWith(dir.resolve("flag.token").toString())
        .endsWith("(from SKERRY_TOKEN_FILE)");
  }

  @Test
  void prefersXdgConfigHome() {
    assertThat(SettingsResolver.defaultConfigFile(Map.of("HOME", "/h", "XDG_CONFIG_HOME", "/x")))
        .isEqualTo(Path.of("/x/skerry/config.yaml"));
    assertThat(SettingsResolver.defaultConfigFile(Map.of("HOME", "/h")))
        .isEqualTo(Path.of("/h/.config/skerry/config.yaml"));
  }

  @Test
  void stripsATrailingSlashFromTheHubUrl() {
    assertThat(resolve(Map.of("SKERRY_HUB_URL", "https://hub.example/")).hub())
        .hasToString("https://hub.example");
  }

  @Test
  void warnsAboutUnknownConfigKeys() throws IOException {
    config("hub: http://file:1\nhubb: typo\n");

    resolve(Map.of());

    assertThat(warnings).singleElement().asString().contains("unknown key 'hubb'");
  }

  @Test
  void rejectsBadSettingsAsUsageErrorsNamingTheirSource() throws IOException {
    assertThatThrownBy(() -> resolve(Map.of("SKERRY_HUB_URL", "hub:8080")))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.USAGE))
        .hasMessage("invalid hub URL 'hub:8080' (from SKERRY_HUB_URL)");
    assertThatThrownBy(() -> resolve(Map.of(), "--token", "a", "--token-file", "b"))
        .hasMessage("give --token or --token-file, not both");
    assertThatThrownBy(() -> resolve(Map.of(), "--token-file", dir.resolve("nope").toString()))
        .hasMessageContaining("cannot read token file")
        .hasMessageContaining("no such file");
    config("[not, a, mapping]\n");
    assertThatThrownBy(() -> resolve(Map.of())).hasMessageContaining("must be a mapping");
  }
}
