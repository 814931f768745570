package dev.skerry.agent.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.identity.JoinToken;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/**
 * One enrollment attempt: {@code POST <hub-api>/api/v1/enroll} with the join token and a CSR, over
 * TLS that trusts only a server whose chain holds the CA the token pins; then the answer is checked
 * (the CA is the pinned one, the certificate is for our key and name and issued by that CA).
 */
public final class EnrollmentClient {
  static final String PATH = "/api/v1/enroll";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final URI hubApi;
  private final JoinToken token;
  private final HttpClient http;

  public EnrollmentClient(URI hubApi, JoinToken token) {
    this.hubApi = hubApi;
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .sslContext(TlsContexts.pinned(token.caFingerprint()))
            .connectTimeout(TIMEOUT)
            .build();
  }

  /**
   * @throws EnrollmentRefused the hub refused (4xx) or is not the pinned hub: stop
   * @throws IOException the hub is unreachable or failed (5xx): try again later
   */
  public EnrollmentAnswer enroll(KeyPair keys, String deviceId)
      throws IOException, InterruptedException, EnrollmentRefused {
    ObjectNode body = WireJson.mapper().createObjectNode();
    body.put("token", token.encoded());
    body.put("csr", Csr.pem(keys, deviceId));
    HttpRequest request =
        HttpRequest.newBuilder(hubApi.resolve(PATH))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.mapper().writeValueAsBytes(body)))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (SSLHandshakeException e) {
      if (TlsContexts.PinMismatch.in(e)) {
        throw new EnrollmentRefused(0, "ca_mismatch", e.getMessage());
      }
      throw e;
    }
    int status = response.statusCode();
    if (status >= 500) {
      throw new IOException(
          "the hub answered HTTP "
              + status
              + ": "
              + readOrNull(response.body()).path("error").path("message").asText(""));
    }
    if (status != 200) {
      JsonNode error = readOrNull(response.body()).path("error");
      throw new EnrollmentRefused(
          status,
          error.path("code").asText("http_" + status),
          error.path("message").asText("HTTP " + status));
    }
    return check(readOrNull(response.body()), keys.getPublic(), deviceId);
  }

  private EnrollmentAnswer check(JsonNode answer, PublicKey ours, String deviceId)
      throws EnrollmentRefused {
    try {
      X509Certificate ca = Pem.certificate(answer.path("caCertificate").asText());
      if (!Fingerprints.of(ca).equals(token.caFingerprint())) {
        throw new EnrollmentRefused(
            200, "ca_mismatch", "the hub returned a CA other than the one the join token pins");
      }
      X509Certificate cert = Pem.certificate(answer.path("certificate").asText());
      if (!cert.getPublicKey().equals(ours)) {
        throw new EnrollmentRefused(200, "bad_answer", "the certificate is not for this key");
      }
      cert.verify(ca.getPublicKey());
      String cn = DeviceIdentity.commonName(cert);
      if (!cn.equals(deviceId)) {
        throw new EnrollmentRefused(
            200, "bad_answer", "the certificate is for '" + cn + "', not '" + deviceId + "'");
      }
      List<PublicKey> signing = new ArrayList<>();
      for (JsonNode k : answer.path("signingKeys")) {
        signing.add(Pem.publicKey(k.asText()));
      }
      if (signing.isEmpty()) {
        throw new EnrollmentRefused(200, "bad_answer", "the answer names no signing key");
      }
      String mqtt = answer.path("mqttUrl").asText(null);
      return new EnrollmentAnswer(
          cn,
          cert,
          ca,
          signing,
          mqtt == null || mqtt.isBlank() ? null : URI.create(mqtt),
          answer.path("expiresAt").asText(null));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new EnrollmentRefused(200, "bad_answer", "unusable answer: " + e.getMessage());
    }
  }

  private static JsonNode readOrNull(byte[] body) {
    try {
      JsonNode n = WireJson.mapper().readTree(body);
      return n == null ? WireJson.mapper().createObjectNode() : n;
    } catch (IOException e) {
      return WireJson.mapper().createObjectNode();
    }
  }
}
