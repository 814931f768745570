package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.agent.registry.RegistryAccess;
import dev.skerry.agent.runtime.ImageStorage;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private AgentConfig load(Map<String, String> env, String... args) throws ConfigException {
    return new ConfigLoader(env, dir.resolve("absent.yaml")).load(args);
  }

  @Test
  void usesTheContractDefaults() throws Exception {
    AgentConfig c = load(Map.of());
    AgentConfig d = AgentConfig.defaults();
    assertThat(c).isEqualTo(d);
    assertThat(d.hub()).isNull();
    assertThat(d.containerdSocket()).isEqualTo(Path.of("/run/containerd/containerd.sock"));
    assertThat(d.namespace()).isEqualTo("skerry");
    assertThat(d.dataDir()).isEqualTo(Path.of("/var/lib/skerry-agent"));
    assertThat(d.apiListen()).isEqualTo("127.0.0.1:9101");
    assertThat(d.platform()).isEqualTo(Platform.current());
    assertThat(d.deviceId()).isNotBlank();
  }

  @Test
  void readsEveryFlag() throws Exception {
    AgentConfig c =
        load(
            Map.of(),
            "--device-id",
            "pi-7",
            "--hub",
            "mqtts://hub.example:8883",
            "--labels",
            "site=oslo,tier=edge",
            "--containerd-socket",
            "/tmp/c.sock",
            "--namespace",
            "edge",
            "--data-dir",
            "/tmp/data",
            "--api-listen=0.0.0.0:9200",
            "--insecure-registry",
            "reg.local:5000",
            "--insecure-registry",
            "10.0.0.2:5000",
            "--platform",
            "linux/arm/v7",
            "--allowed-host-paths",
            "/srv,/var/lib/app");
    assertThat(c.deviceId()).isEqualTo("pi-7");
    assertThat(c.hub()).isEqualTo(URI.create("mqtts://hub.example:8883"));
    assertThat(c.labels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("site", "oslo", "tier", "edge"));
    assertThat(c.containerdSocket()).isEqualTo(Path.of("/tmp/c.sock"));
    assertThat(c.namespace()).isEqualTo("edge");
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/data"));
    assertThat(c.apiHost()).isEqualTo("0.0.0.0");
    assertThat(c.apiPort()).isEqualTo(9200);
    assertThat(c.insecureRegistries()).isEqualTo(Set.of("reg.local:5000", "10.0.0.2:5000"));
    assertThat(c.platform()).isEqualTo(new Platform("linux", "arm", "v7"));
    assertThat(c.allowedHostPaths()).containsExactly(Path.of("/srv"), Path.of("/var/lib/app"));
  }

  @Test
  void flagBeatsEnvBeatsFileBeatsDefault() throws Exception {
    Path file = dir.resolve("agent.yaml");
    Files.writeString(
        file,
        "device-id: from-file\nnamespace: filens\ndata-dir: /file\nlabels:\n  a: b\n"
            + "insecure-registry:\n  - r1:5000\n");
    AgentConfig c =
        load(
            Map.of(
                "SKERRY_DEVICE_ID",
                "from-env",
                "SKERRY_NAMESPACE",
                "envns",
                "SKERRY_CONFIG",
                file.toString()),
            "--device-id",
            "from-flag");
    assertThat(c.deviceId()).isEqualTo("from-flag");
    assertThat(c.namespace()).isEqualTo("envns");
    assertThat(c.dataDir()).isEqualTo(Path.of("/file"));
    assertThat(c.labels()).isEqualTo(Map.of("a", "b"));
    assertThat(c.insecureRegistries()).containsExactly("r1:5000");
    assertThat(c.apiListen()).isEqualTo("127.0.0.1:9101");
    assertThat(c.configFile()).isEqualTo(file);
  }

  @Test
  void readsTheDefaultConfigFileWhenPresent() throws Exception {
    Path file = dir.resolve("default.yaml");
    Files.writeString(file, "device-id: dflt\n");
    AgentConfig c = new ConfigLoader(Map.of(), file).load(new String[0]);
    assertThat(c.deviceId()).isEqualTo("dflt");
  }

  @Test
  void reportsEveryErrorAtOnce() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of("SKERRY_API_LISTEN", "nonsense"),
                    "--device-id",
                    "a/b",
                    "--hub",
                    "http://x:1",
                    "--bogus",
                    "1",
                    "--labels",
                    "noequals",
                    "--platform",
                    "linux",
                    "--allowed-host-paths",
                    "relative/path",
                    "--insecure-registry",
                    "nohost"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .hasSize(8)
                    .anyMatch(m -> m.startsWith("device-id:"))
                    .anyMatch(m -> m.startsWith("hub:"))
                    .anyMatch(m -> m.equals("unknown option --bogus"))
                    .anyMatch(m -> m.startsWith("labels:"))
                    .anyMatch(m -> m.startsWith("platform:"))
                    .anyMatch(m -> m.startsWith("allowed-host-paths:"))
                    .anyMatch(m -> m.startsWith("insecure-registry:"))
                    .anyMatch(m -> m.startsWith("api-listen:")));
  }

  @Test
  void rejectsUnknownYamlKeysAndAMissingConfigFile() {
    assertThatThrownBy(() -> load(Map.of(), "--config", dir.resolve("nope.yaml").toString()))
        .hasMessageContaining("file not found");
  }

  @Test
  void rejectsAnUnknownYamlKey() throws Exception {
    Path file = dir.resolve("agent.yaml");
    Files.writeString(file, "device_id: underscore\n");
    assertThatThrownBy(() -> load(Map.of(), "--config", file.toString()))
        .hasMessageContaining("unknown key 'device_id'");
  }

  @Test
  void rejectsAFlagWithoutValue() {
    assertThatThrownBy(() -> load(Map.of(), "--hub"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.errors()).containsExactly("--hub: missing value"));
  }

  @Test
  void buildsTheRuntimeConfig() throws Exception {
    AgentConfig c = load(Map.of(), "--namespace", "ns1", "--allowed-host-paths", "/srv");
    assertThat(c.runtimeConfig().namespace()).isEqualTo("ns1");
    assertThat(c.runtimeConfig().allowedHostPaths()).isEqualTo(List.of(Path.of("/srv")));
  }

  @Test
  void readsRegistryLoginsAndCasFromYamlAndFlags() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
    Path pass = Files.writeString(dir.resolve("pass"), "pw\n");
    Path file = dir.resolve("agent.yaml");
    Files.writeString(
        file,
        "registries:\n"
            + "  reg.lan:5000:\n"
            + "    username: edge\n"
            + "    password: hunter2\n"
            + "    ca-file: "
            + ca
            + "\n"
            + "  other.lan:443:\n"
            + "    ca-file: "
            + ca
            + "\n"
            + "registry-ca: "
            + ca
            + "\n");

    AgentConfig c =
        load(
            Map.of(),
            "--config",
            file.toString(),
            "--registry-login",
            "other.lan:443=bot:" + pass,
            "--containerd-root",
            "/srv/containerd",
            "--image-size-factor",
            "2.5",
            "--image-gc-threshold",
            "70");

    assertThat(c.registries().get("reg.lan:5000"))
        .isEqualTo(new RegistryAccess("edge", "hunter2", null, ca));
    assertThat(c.registries().get("other.lan:443"))
        .isEqualTo(new RegistryAccess("bot", null, pass, ca));
    assertThat(c.registryCa()).isEqualTo(ca);
    assertThat(c.imageStorage()).isEqualTo(new ImageStorage(Path.of("/srv/containerd"), 2.5, 70));
    assertThat(c.runtimeConfig().access("reg.lan:5000").username()).isEqualTo("edge");
    assertThat(c.toString()).doesNotContain("hunter2");
  }

  @Test
  void reportsBadRegistrySettingsWithoutShowingThePassword() throws Exception {
    Path file = dir.resolve("agent.yaml");
    Files.writeString(
        file,
        "registries:\n"
            + "  nohost:\n"
            + "    password: hunter2\n"
            + "    token: x\n"
            + "  ok.lan:5000:\n"
            + "    username: edge\n"
            + "    password-file: /nonexistent/pass\n");

    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    "--config",
                    file.toString(),
                    "--registry-login",
                    "broken",
                    "--image-gc-threshold",
                    "0",
                    "--image-size-factor",
                    "0.5"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .noneMatch(m -> m.contains("hunter2"))
                    .anyMatch(m -> m.contains("unknown setting 'token'"))
                    .anyMatch(m -> m.contains("expected HOST:PORT, got 'nohost'"))
                    .anyMatch(m -> m.contains("nohost has a password but no username"))
                    .anyMatch(m -> m.contains("password-file of ok.lan:5000: cannot read"))
                    .anyMatch(m -> m.startsWith("registry-login:"))
                    .anyMatch(m -> m.startsWith("image-gc-threshold:"))
                    .anyMatch(m -> m.startsWith("image-size-factor:")));
  }
}
