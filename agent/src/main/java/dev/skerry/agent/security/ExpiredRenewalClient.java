package dev.skerry.agent.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One ask (or poll) for the renewal of an expired certificate (decision 0012): {@code POST
 * <hub-api>/api/v1/renewals} with a CSR for the same key (its signature proves the key) and the old
 * certificate, over TLS trusting only the pinned hub CA. The hub answers 202 while an operator has
 * not approved it, then 200 with the certificate.
 */
public final class ExpiredRenewalClient {
  static final String PATH = "/api/v1/renewals";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final URI hubApi;
  private final HttpClient http;

  /** Talks to {@code hubApi}, trusting only {@code ca}. */
  public ExpiredRenewalClient(URI hubApi, X509Certificate ca) {
    this.hubApi = hubApi;
    this.http =
        HttpClient.newBuilder()
            .sslContext(TlsContexts.of(List.of(ca), null))
            .connectTimeout(TIMEOUT)
            .build();
  }

  public URI hubApi() {
    return hubApi;
  }

  /** What the hub said. */
  public sealed interface Answer {}

  /** Held until an operator approves it. */
  public record Pending() implements Answer {}

  /** Approved: the answer's body, to check with {@link Renewal#accept}. */
  public record Approved(byte[] body) implements Answer {}

  /** Refused (4xx): {@code code} and the hub's message. */
  public record Refused(int status, String code, String message) implements Answer {}

  /**
   * Asks without blocking. The future fails with an {@link IOException} when the hub is unreachable
   * or failed (5xx): ask again later.
   */
  public CompletableFuture<Answer> ask(DeviceIdentity identity) {
    byte[] payload;
    try {
      payload = WireJson.mapper().writeValueAsBytes(body(identity));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(hubApi.resolve(PATH))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(ExpiredRenewalClient::answer);
  }

  private static ObjectNode body(DeviceIdentity identity) {
    ObjectNode body = WireJson.mapper().createObjectNode();
    body.put(
        "csr",
        Csr.pem(
            new KeyPair(identity.certificate().getPublicKey(), identity.key()),
            identity.deviceId()));
    body.put("certificate", Pem.encode(identity.certificate()));
    return body;
  }

  private static Answer answer(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status == 202) {
      return new Pending();
    }
    if (status == 200) {
      return new Approved(response.body());
    }
    JsonNode error = read(response.body()).path("error");
    String message = error.path("message").asText("HTTP " + status);
    if (status >= 500) {
      throw new CompletionException(
          new IOException("the hub answered HTTP " + status + ": " + message));
    }
    return new Refused(status, error.path("code").asText("http_" + status), message);
  }

  private static JsonNode read(byte[] body) {
    try {
      JsonNode n = WireJson.mapper().readTree(body);
      return n == null ? WireJson.mapper().createObjectNode() : n;
    } catch (IOException e) {
      return WireJson.mapper().createObjectNode();
    }
  }
}
