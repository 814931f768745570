package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.tls.TlsContexts;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.app.HttpsSettings;
import dev.skerry.testsupport.TestCa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's listeners over real TLS: HTTPS with HSTS, enrollment on HTTPS only, an operator's
 * keystore served instead of the hub CA's certificate, and plain HTTP bound to loopback only.
 */
class HttpsIT {
  @TempDir static Path dir;
  static TestHub hub;
  static HttpClient https;
  static final HttpClient plain = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    // As the command line does by default: HTTPS on every interface, plain HTTP on 127.0.0.1.
    hub = TestHub.secure(dir.resolve("hub"), HttpsSettings.defaults());
    https = client(TlsContexts.of(List.of(hub.hub.pki().caCertificate()), null));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  static HttpClient client(javax.net.ssl.SSLContext tls) {
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
  }

  static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String httpsUrl(String path) {
    return "https://localhost:" + hub.hub.httpsPort() + path;
  }

  String plainUrl(String path) {
    return "http://127.0.0.1:" + hub.hub.httpPort() + path;
  }

  @Test
  void everyHttpsResponseCarriesHstsAndNoPlainResponseDoes() throws Exception {
    for (String path : List.of("/healthz", "/api/v1/devices", "/no-such-page", "/console/")) {
      HttpResponse<String> secure = get(https, httpsUrl(path));
      assertThat(secure.headers().firstValue("Strict-Transport-Security"))
          .as("HTTPS %s (%d)", path, secure.statusCode())
          .contains("max-age=31536000");
      HttpResponse<String> clear = get(plain, plainUrl(path));
      assertThat(clear.headers().firstValue("Strict-Transport-Security"))
          .as("plain HTTP %s (%d)", path, clear.statusCode())
          .isEmpty();
    }
  }

  @Test
  void enrollmentIsRefusedOnThePlainListenerAndTheTokenStaysUsableOnHttps() throws Exception {
    String token = hub.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
    String body =
        WireJson.mapper()
            .writeValueAsString(Map.of("token", token, "csr", Csr.forId("plain-1").pem()));

    HttpResponse<String> clear = post(plain, plainUrl("/api/v1/enroll"), body);

    assertThat(clear.statusCode()).as(clear.body()).isEqualTo(403);
    assertThat(WireJson.mapper().readTree(clear.body()).path("error").path("code").asText())
        .isEqualTo("https_required");
    HttpResponse<String> secure = post(https, httpsUrl("/api/v1/enroll"), body);
    assertThat(secure.statusCode()).as(secure.body()).isEqualTo(200);
  }

  @Test
  void plainHttpIsBoundToLoopbackOnlyWhileHttpsListensOnEveryInterface() throws Exception {
    // The kernel's socket table tells the bound address without sending anything anywhere.
    assertThat(ListeningSockets.localAddresses(hub.hub.httpPort())).containsOnly("127.0.0.1");
    assertThat(ListeningSockets.localAddresses(hub.hub.httpsPort())).containsAnyOf("0.0.0.0", "::");
  }

  @Test
  void servesTheOperatorsKeystoreInsteadOfTheHubCaCertificate() throws Exception {
    TestCa operator = TestCa.create("operator-ca");
    TestCa.Issued server = operator.server("localhost", "127.0.0.1");
    Path keystore = server.pkcs12(dir.resolve("op/https.p12"), "https", "s3cret-pass");
    Path password = Files.writeString(dir.resolve("op/https.pass"), "s3cret-pass\n");
    try (TestHub own =
        TestHub.secure(
            dir.resolve("own"),
            new HttpsSettings(
                "127.0.0.1", Optional.empty(), Optional.of(keystore), Optional.of(password)))) {
      HttpClient trustsOperator = client(TlsContexts.of(List.of(operator.certificate()), null));

      HttpResponse<String> r =
          get(trustsOperator, "https://localhost:" + own.hub.httpsPort() + "/healthz");

      assertThat(r.statusCode()).isEqualTo(200);
      SSLSession session = r.sslSession().orElseThrow();
      X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
      assertThat(leaf).isEqualTo(server.certificate());
      assertThat(r.headers().firstValue("Strict-Transport-Security")).isPresent();
    }
  }

  static HttpResponse<String> post(HttpClient client, String url, String json) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
