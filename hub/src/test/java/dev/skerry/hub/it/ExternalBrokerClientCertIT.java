package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skerry.testsupport.OwnMosquitto;
import dev.skerry.testsupport.TestCa;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mqtt-client-cert}/{@code --mqtt-client-key}: against a Mosquitto of the test's own that
 * requires client certificates of its own CA, the hub PKI's certificate is refused and the
 * operator's is let in, so device messages reach the hub through it.
 */
class ExternalBrokerClientCertIT {
  @TempDir Path dir;

  @Test
  void theHubPresentsTheOperatorsCertificateToABrokerThatRequiresOne() throws Exception {
    TestCa ca = TestCa.create("broker-ca");
    Path caFile = ca.writeCertificate(dir);
    Path[] server = ca.server("localhost", "127.0.0.1").writePem(dir, "server");
    Path[] hubClient = ca.client("skerry-hub-operator", "operations").writePem(dir, "hub-client");
    try (OwnMosquitto broker =
        OwnMosquitto.start(
            dir,
            true,
            port ->
                "listener "
                    + port
                    + " 127.0.0.1\ncafile "
                    + caFile
                    + "\ncertfile "
                    + server[1]
                    + "\nkeyfile "
                    + server[0]
                    + "\nrequire_certificate true\nuse_identity_as_username true\n"
                    + "allow_anonymous false\n")) {
      assertThatThrownBy(() -> TestHub.external(dir.resolve("hub-pki"), broker.url(), caFile))
          .hasMessageContaining("cannot connect");

      try (TestHub hub =
          TestHub.external(dir.resolve("hub"), broker.url(), caFile, hubClient[1], hubClient[0])) {
        FakeDevice device =
            new FakeDevice(
                broker.url(),
                "cert-dev",
                0,
                ca.clientContext(ca.client("test-device-cert-dev", "skerry-device"))
                    .getSocketFactory());
        try {
          device.online();
          device.report(Map.of("via", "operator-cert"), List.of());
          await()
              .atMost(Duration.ofSeconds(15))
              .until(() -> hub.api.get("/api/v1/devices/cert-dev").status() == 200);
        } finally {
          device.close();
        }
      }
    }
  }
}
