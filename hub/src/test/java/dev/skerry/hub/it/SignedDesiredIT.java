package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.tls.Pem;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every desired document the hub publishes carries a signature by its signing key. */
class SignedDesiredIT {
  @TempDir Path dataDir;

  @Test
  void publishedDesiredDocumentsCarryAValidSignatureByTheHubsSigningKey() throws Exception {
    try (TestHub hub = TestHub.embedded(dataDir);
        FakeDevice device = new FakeDevice(hub.brokerUrl(), "signed-1")) {
      device.subscribeDesired().report(Map.of("signed", "yes"), List.of());
      await().until(() -> hub.api.get("/api/v1/devices/signed-1").status() == 200);
      hub.api.put(
          "/api/v1/deployments/signed", Deployments.json("signed", "signed", "yes", "nginx:1"));
      await().until(() -> !device.desired().isEmpty());

      PublicKey key = Pem.publicKey(Pem.read(dataDir.resolve("pki/signing.pub")));
      FakeDevice.Received got = device.desired().get(device.desired().size() - 1);
      assertThat(got.signature()).startsWith("ed25519:");
      assertThat(DocumentSignature.verify(got.signature(), got.payload(), List.of(key)))
          .isInstanceOf(DocumentSignature.Valid.class);
      assertThat(hub.hub.pki().signingKeys()).containsExactly(key);
      // The CA key is not the signing key: a document signed by it is not valid.
      assertThat(
              DocumentSignature.verify(
                  got.signature(),
                  got.payload(),
                  List.of(hub.hub.pki().caCertificate().getPublicKey())))
          .isInstanceOf(DocumentSignature.Invalid.class);
    }
  }
}
