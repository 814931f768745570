package dev.skerry.hub.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.core.wire.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Enrolls as an agent would: CSR and join token over HTTPS, pinned to the token's CA. */
final class EnrollmentClient {
  private EnrollmentClient() {}

  static TlsContexts.Identity enroll(TestHub hub, String token, String deviceId) throws Exception {
    Csr csr = Csr.forId(deviceId);
    HttpClient https =
        HttpClient.newBuilder()
            .sslContext(TlsContexts.pinned(hub.hub.pki().caFingerprint()))
            .build();
    HttpResponse<String> r =
        https.send(
            HttpRequest.newBuilder(
                    URI.create("https://localhost:" + hub.hub.httpsPort() + "/api/v1/enroll"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        WireJson.mapper()
                            .writeValueAsString(Map.of("token", token, "csr", csr.pem()))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("enrollment failed: " + r.body());
    }
    JsonNode body = WireJson.mapper().readTree(r.body());
    return new TlsContexts.Identity(
        csr.keys().getPrivate(),
        List.of(
            Pem.certificate(body.get("certificate").asText()),
            Pem.certificate(body.get("caCertificate").asText())));
  }
}
