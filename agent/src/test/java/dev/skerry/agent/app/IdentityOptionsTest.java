package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.core.identity.JoinToken;
import dev.skerry.testsupport.TestCa;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrollment options and the device id an identity implies. */
class IdentityOptionsTest {
  @TempDir Path dir;
  private final String token = JoinToken.generate("a".repeat(64)).encoded();

  private AgentConfig load(Map<String, String> env, String... args) throws ConfigException {
    return new ConfigLoader(env, dir.resolve("absent.yaml")).load(args);
  }

  @Test
  void readsTheEnrollmentOptionsFromFlagsAndEnvironment() throws Exception {
    AgentConfig c = load(Map.of("SKERRY_HUB_API", "https://hub:8443"), "--join-token", token);
    assertThat(c.joinToken()).isEqualTo(token);
    assertThat(c.hubApi()).isEqualTo(URI.create("https://hub:8443"));
    assertThat(c.insecureUnsignedDesired()).isFalse();
    assertThat(load(Map.of(), "--insecure-unsigned-desired").insecureUnsignedDesired()).isTrue();
    assertThat(
            load(Map.of(), "--insecure-unsigned-desired", "--device-id", "d1")
                .insecureUnsignedDesired())
        .isTrue();
  }

  @Test
  void refusesATokenWithoutAHubApiAndAMalformedToken() {
    assertThatThrownBy(() -> load(Map.of(), "--join-token", token))
        .hasMessageContaining("hub-api: a join token needs");
    assertThatThrownBy(
            () -> load(Map.of(), "--join-token", "nope", "--hub-api", "https://hub:8443"))
        .hasMessageContaining("join-token: not a Skerry join token")
        .hasMessageNotContaining("nope");
    assertThatThrownBy(() -> load(Map.of(), "--hub-api", "http://hub:8080"))
        .hasMessageContaining("hub-api: expected https://");
  }

  @Test
  void theDeviceIdIsTheCertificatesCnOnceEnrolledAndAnotherConfiguredOneIsAnError()
      throws Exception {
    TestCa ca = TestCa.create("hub-ca");
    Path data = dir.resolve("data");
    ca.client("edge-7", "skerry-device").writePem(data.resolve("identity"), "device");
    assertThat(load(Map.of(), "--data-dir", data.toString()).deviceId()).isEqualTo("edge-7");
    assertThatThrownBy(() -> load(Map.of(), "--data-dir", data.toString(), "--device-id", "other"))
        .hasMessageContaining("'other'")
        .hasMessageContaining("'edge-7'");
    assertThat(Files.exists(data.resolve("identity/device.crt"))).isTrue();
  }
}
