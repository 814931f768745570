package dev.skerry.hub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsConfigTest {
  @TempDir Path dir;

  HubConfig load(Map<String, String> env, String... args) {
    return new HubConfigLoader(env).load(args);
  }

  @Test
  void bindsPlainHttpToLoopbackAndHttpsToEveryInterfaceByDefault() {
    HubConfig config = load(Map.of());

    assertThat(config.plainHttpBind()).isEqualTo("127.0.0.1");
    assertThat(config.https().host()).isEqualTo("0.0.0.0");
    assertThat(config.https().keystore()).isEmpty();
  }

  @Test
  void refusesPlainHttpOnANonLoopbackAddressWithoutTheInsecureFlag() {
    assertThatThrownBy(() -> load(Map.of(), "--http-host", "0.0.0.0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http-host: '0.0.0.0' is not a loopback address")
        .hasMessageContaining("insecure-http-bind 0.0.0.0");
    assertThatThrownBy(() -> load(Map.of(), "--http-host", "hub.example"))
        .hasMessageContaining("not a loopback address");
  }

  @Test
  void acceptsEveryLoopbackSpelling() {
    for (String host : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"}) {
      assertThat(load(Map.of(), "--http-host", host).plainHttpBind()).isEqualTo(host);
    }
  }

  @Test
  void bindsPlainHttpElsewhereOnlyWhenToldSoExplicitly() {
    HubConfig config = load(Map.of("SKERRY_INSECURE_HTTP_BIND", "0.0.0.0"));

    assertThat(config.plainHttpBind()).isEqualTo("0.0.0.0");
  }

  @Test
  void readsTheHttpsSettingsFromFlagsEnvironmentAndFile() throws Exception {
    Path keystore = Files.writeString(dir.resolve("https.p12"), "x");
    Path password = Files.writeString(dir.resolve("https.pass"), "p\n");
    Path file = Files.writeString(dir.resolve("hub.yaml"), "https-keystore: " + keystore + "\n");

    HubConfig config =
        load(
            Map.of("SKERRY_HTTPS_KEYSTORE_PASSWORD_FILE", password.toString()),
            "--config",
            file.toString(),
            "--https-host",
            "192.0.2.7");

    assertThat(config.https().host()).isEqualTo("192.0.2.7");
    assertThat(config.https().keystore()).contains(keystore);
    assertThat(config.https().keystorePasswordFile()).contains(password);
  }

  @Test
  void aKeystoreNeedsItsReadablePasswordFile() {
    assertThatThrownBy(() -> load(Map.of(), "--https-keystore", dir.resolve("none.p12").toString()))
        .hasMessageContaining("https-keystore: cannot read")
        .hasMessageContaining("https-keystore-password-file: required with https-keystore");
    assertThatThrownBy(
            () -> load(Map.of(), "--https-keystore-password-file", dir.resolve("p").toString()))
        .hasMessageContaining("https-keystore-password-file: only with https-keystore");
  }
}
