package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's Revoke action in a real headless Chromium, clicked over the DevTools protocol,
 * against a secure hub with an enrolled device: Cancel in the confirmation revokes nothing; OK
 * revokes it, and the page shows the result and the revoked state.
 */
class ConsoleRevokeIT {
  private static final String DEVICE = "console-rev-1";

  @TempDir Path dataDir;
  @TempDir Path browserDir;
  private TestHub hub;

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private JsonNode identity() {
    return hub.api.get("/api/v1/devices/" + DEVICE + "/identity").body();
  }

  @Test
  void revokingADeviceFromItsPageAsksFirstThenShowsItRevoked() throws Exception {
    assertThat(HeadlessChromium.BINARY)
        .as("Debian's chromium (dev/testenv.sh installs it) is needed to test the console")
        .exists();
    hub = TestHub.secure(dataDir);
    String join = hub.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
    EnrollmentClient.enroll(hub, join, DEVICE);
    assertThat(identity().path("revoked").asBoolean()).isFalse();
    String token = Files.readString(dataDir.resolve("admin.token")).trim();
    String url = "http://127.0.0.1:" + hub.hub.httpPort() + "/console/#devices?token=" + token;

    try (HeadlessChromium chrome = HeadlessChromium.open(browserDir, url)) {
      String row = "document.querySelector('[data-device=\"" + DEVICE + "\"]')";
      String identityText = "document.getElementById('device-identity').textContent";
      await("the device is listed")
          .atMost(Duration.ofSeconds(30))
          .until(() -> chrome.eval("!!" + row).equals("true"));
      chrome.eval(row + ".click()");
      await("its page shows the enrolled identity")
          .atMost(Duration.ofSeconds(15))
          .until(() -> chrome.eval(identityText).startsWith("enrolled certificate "));
      String revoke = "document.getElementById('revoke-device')";
      assertThat(chrome.eval(revoke + ".disabled")).isEqualTo("false");

      chrome.answerDialogs(false);
      chrome.eval(revoke + ".click()");
      assertThat(chrome.dialogs())
          .singleElement()
          .asString()
          .startsWith("Revoke device " + DEVICE + "?");
      assertThat(identity().path("revoked").asBoolean()).as("Cancel revokes nothing").isFalse();

      chrome.answerDialogs(true);
      chrome.eval(revoke + ".click()");
      await("the page shows the result and the revoked state")
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                assertThat(chrome.eval("document.getElementById('revoke-result').textContent"))
                    .startsWith("device/" + DEVICE + " revoked at ");
                assertThat(chrome.eval(identityText)).startsWith("revoked since ");
                assertThat(chrome.eval(revoke + ".disabled")).isEqualTo("true");
              });
      assertThat(chrome.dialogs()).hasSize(2);
    }
    assertThat(identity().path("revoked").asBoolean()).isTrue();
    assertThat(identity().path("revokedAt").asText()).isNotEmpty();
  }
}
