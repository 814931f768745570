package dev.skerry.agent.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.identity.JoinToken;
import dev.skerry.testsupport.TestCa;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrollment against a real HTTPS server playing the hub's enroll endpoint. */
@org.junit.jupiter.api.Timeout(60)
class EnrollerTest {
  private static final Duration FAST = Duration.ofMillis(100);
  @TempDir Path data;
  private final TestCa ca = TestCa.create("hub-ca");

  private Enroller enroller(URI url, JoinToken token) {
    return new Enroller(new IdentityFiles(data), url, token, FAST, Duration.ofMillis(400));
  }

  @Test
  void storesTheIdentityWithTheKeyReadableByTheOwnerOnly() throws Exception {
    try (EnrollmentServer hub = EnrollmentServer.start(ca)) {
      EnrollmentAnswer e = enroller(hub.url(), hub.token).enroll("edge-1");

      assertThat(e.deviceId()).isEqualTo("edge-1");
      IdentityFiles store = new IdentityFiles(data);
      DeviceIdentity id = store.load().orElseThrow();
      assertThat(id.deviceId()).isEqualTo("edge-1");
      assertThat(id.ca()).isEqualTo(ca.certificate());
      assertThat(id.certificate().getPublicKey()).isEqualTo(e.certificate().getPublicKey());
      assertThat(store.signingKeys()).containsExactly(hub.signingKey());
      assertThat(store.mqttUrl()).contains(URI.create("mqtts://127.0.0.1:8883"));
      Path dir = data.resolve("identity");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("device.key"))))
          .isEqualTo("rw-------");
      assertThat(Files.readString(dir.resolve("device.key"))).startsWith("-----BEGIN PRIVATE KEY");
      assertThat(dir.resolve("device.crt")).exists();
      assertThat(dir.resolve("ca.crt")).exists();
      assertThat(dir.resolve("signing-keys.pem")).exists();
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
      }
      assertThat(IdentityFiles.storedDeviceId(data)).contains("edge-1");
    }
  }

  @Test
  void refusesAServerOfAnotherCaThanTheTokenPins() throws Exception {
    TestCa other = TestCa.create("other-ca");
    try (EnrollmentServer hub = EnrollmentServer.start(other)) {
      JoinToken pinsOurs = JoinToken.generate(Fingerprints.of(ca.certificate()));
      assertThatThrownBy(() -> enroller(hub.url(), pinsOurs).enroll("edge-1"))
          .isInstanceOfSatisfying(
              EnrollmentRefused.class, r -> assertThat(r.code()).isEqualTo("ca_mismatch"));
      assertThat(hub.requests).hasValue(0);
      assertThat(new IdentityFiles(data).exists()).isFalse();
    }
  }

  @Test
  void stopsAtOnceWithTheHubsMessageOnAnInvalidToken() throws Exception {
    try (EnrollmentServer hub = EnrollmentServer.start(ca)) {
      JoinToken wrong = JoinToken.generate(Fingerprints.of(ca.certificate()));
      assertThatThrownBy(() -> enroller(hub.url(), wrong).enroll("edge-1"))
          .isInstanceOfSatisfying(
              EnrollmentRefused.class,
              r -> {
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.code()).isEqualTo("invalid_token");
                assertThat(r.getMessage()).contains("unknown, expired or used up");
              });
      assertThat(hub.requests).hasValue(1);
      assertThat(new IdentityFiles(data).exists()).isFalse();
    }
  }

  @Test
  void retriesWhileTheHubIsDownAndEnrollsOnceItIsUp() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    JoinToken token;
    // The token is made for the CA before the server exists, as an operator would hand it out.
    token = JoinToken.generate(Fingerprints.of(ca.certificate()));
    URI url = URI.create("https://localhost:" + port);
    CompletableFuture<EnrollmentAnswer> enrolling =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return enroller(url, token).enroll("edge-late");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // A few refused connections; the back-off is 100..400 ms here.
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !enrolling.isDone());
    try (EnrollmentServer hub = EnrollmentServer.startWithToken(ca, port, token)) {
      EnrollmentAnswer e = enrolling.get(10, TimeUnit.SECONDS);
      assertThat(e.deviceId()).isEqualTo("edge-late");
      assertThat(hub.requests).hasValue(1);
    }
    assertThat(new IdentityFiles(data).exists()).isTrue();
  }
}
