package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.identity.JoinToken;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.core.wire.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Join tokens and enrollment over the hub's real HTTPS listener, with the hub's own PKI. */
class EnrollmentIT {
  @TempDir static Path dir;
  static TestHub hub;
  static HttpClient https;

  @BeforeAll
  static void start() {
    hub = TestHub.embedded(dir);
    // As the agent does on first contact: trust only a chain holding the token's CA.
    https =
        HttpClient.newBuilder()
            .sslContext(TlsContexts.pinned(hub.hub.pki().caFingerprint()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  static String token(String json) {
    Api.Reply r = hub.api.post("/api/v1/join-tokens", json);
    assertThat(r.status()).isEqualTo(201);
    return r.body().get("token").asText();
  }

  static HttpResponse<String> enroll(String body) throws Exception {
    return https.send(
        HttpRequest.newBuilder(
                URI.create("https://localhost:" + hub.hub.httpsPort() + "/api/v1/enroll"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> enroll(String token, String csr) throws Exception {
    return enroll(
        WireJson.mapper().writeValueAsString(java.util.Map.of("token", token, "csr", csr)));
  }

  static String code(HttpResponse<String> r) throws Exception {
    return WireJson.mapper().readTree(r.body()).path("error").path("code").asText();
  }

  @Test
  void enrollsADeviceWhoseCertificateNamesItAndChainsToTheHubCa() throws Exception {
    String token = token("{\"labels\":{\"site\":\"north\"}}");
    assertThat(JoinToken.parse(token).caFingerprint()).isEqualTo(hub.hub.pki().caFingerprint());
    Csr csr = Csr.forId("pump-1");

    HttpResponse<String> r = enroll(token, csr.pem());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = WireJson.mapper().readTree(r.body());
    assertThat(body.get("deviceId").asText()).isEqualTo("pump-1");
    X509Certificate cert = Pem.certificate(body.get("certificate").asText());
    X509Certificate ca = Pem.certificate(body.get("caCertificate").asText());
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=pump-1", "OU=skerry-device");
    assertThat(cert.getPublicKey()).isEqualTo(csr.keys().getPublic());
    assertThat(Fingerprints.of(ca)).isEqualTo(hub.hub.pki().caFingerprint());
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
    Duration life =
        Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    assertThat(life.toDays()).isBetween(89L, 91L);
    assertThat(body.get("signingKeys")).hasSize(1);
    assertThat(body.get("mqttUrl").asText()).isNotBlank();
    Api.Reply device = hub.api.get("/api/v1/devices/pump-1");
    assertThat(device.status()).isEqualTo(200);
    assertThat(device.body().toString()).contains("north");
    assertThat(hub.api.get("/api/v1/devices/pump-1").status()).isEqualTo(200);
  }

  @Test
  void refusesAReusedTokenAsInvalid() throws Exception {
    String token = token("{}");
    assertThat(enroll(token, Csr.forId("reuse-1").pem()).statusCode()).isEqualTo(200);

    HttpResponse<String> again = enroll(token, Csr.forId("reuse-2").pem());

    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(code(again)).isEqualTo("invalid_token");
  }

  @Test
  void allowsAsManyEnrollmentsAsTheTokenHasUses() throws Exception {
    String token = token("{\"uses\":2}");
    assertThat(enroll(token, Csr.forId("multi-1").pem()).statusCode()).isEqualTo(200);
    assertThat(enroll(token, Csr.forId("multi-2").pem()).statusCode()).isEqualTo(200);
    assertThat(enroll(token, Csr.forId("multi-3").pem()).statusCode()).isEqualTo(401);
  }

  @Test
  void refusesAnExpiredToken() throws Exception {
    // Many uses: an attempt before the second passes may succeed; once expired, all are refused.
    String token = token("{\"ttlSeconds\":1,\"uses\":100}");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> enroll(token, Csr.forId("late-1").pem()).statusCode() == 401);
    assertThat(code(enroll(token, Csr.forId("late-2").pem()))).isEqualTo("invalid_token");
  }

  @Test
  void refusesUnknownAndTamperedTokensWithTheSameCode() throws Exception {
    String real = token("{}");
    String unknown = JoinToken.generate(hub.hub.pki().caFingerprint()).encoded();
    String tampered = real.substring(0, real.length() - 2) + (real.endsWith("A") ? "BB" : "AA");

    for (String t : List.of(unknown, tampered, "not-a-token")) {
      HttpResponse<String> r = enroll(t, Csr.forId("probe-1").pem());
      assertThat(r.statusCode()).as(t).isEqualTo(401);
      assertThat(code(r)).isEqualTo("invalid_token");
      assertThat(r.body()).doesNotContain(t);
    }
    assertThat(enroll(real, Csr.forId("probe-ok").pem()).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesATokenBoundToAnotherId() throws Exception {
    String token = token("{\"deviceId\":\"bound-1\"}");

    HttpResponse<String> other = enroll(token, Csr.forId("bound-2").pem());

    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(code(other)).isEqualTo("device_id_mismatch");
    assertThat(enroll(token, Csr.forId("bound-1").pem()).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesReservedIdsAndBadRequestsWithoutConsumingTheToken() throws Exception {
    String token = token("{}");
    Csr hubLike = Csr.forId("skerry-hub-evil");

    assertThat(code(enroll(token, hubLike.pem()))).isEqualTo("bad_csr");
    assertThat(code(enroll(token, Csr.forId("has/slash").pem()))).isEqualTo("bad_csr");
    assertThat(
            code(
                enroll(
                    token,
                    "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")))
        .isEqualTo("bad_csr");
    assertThat(enroll(token, "").statusCode()).isEqualTo(400);
    assertThat(enroll(token, Csr.forId("after-bad").pem()).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesBodiesOver16KiB() throws Exception {
    HttpResponse<String> r = enroll("{\"token\":\"" + "x".repeat(17 * 1024) + "\"}");
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void joinTokensNeedTheAdminToken() throws Exception {
    HttpResponse<String> r =
        https.send(
            HttpRequest.newBuilder(
                    URI.create("https://localhost:" + hub.hub.httpsPort() + "/api/v1/join-tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void servesTheSameApiOverHttpsWithTheAdminToken() throws Exception {
    String admin = Files.readString(dir.resolve("admin.token")).trim();
    HttpResponse<String> r =
        https.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + hub.hub.httpsPort() + "/api/v1/devices"))
                .header("Authorization", "Bearer " + admin)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void refusesATtlAboveThirtyDays() {
    Api.Reply r = hub.api.post("/api/v1/join-tokens", "{\"ttlSeconds\":2592001}");
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void countsEnrollmentsByResultInMetrics() throws Exception {
    enroll(JoinToken.generate(hub.hub.pki().caFingerprint()).encoded(), Csr.forId("m-1").pem());
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics).contains("skerry_hub_enrollments_total{result=\"unknown\"}");
  }

  @Test
  void keepsKeysPrivateInThePkiDirectory() throws Exception {
    Path pki = dir.resolve("pki");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki)))
        .isEqualTo("rwx------");
    for (String key : List.of("ca.key", "signing.key", "server.key", "hub-client.key")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve(key))))
          .as(key)
          .isEqualTo("rw-------");
    }
  }
}
