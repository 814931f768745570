package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.core.wire.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewal over HTTPS of a device that cannot reach the broker (decision 0012), against the real
 * hub: held as pending, listed and approved with the admin token only, refused clearly.
 */
class ExpiredRenewalApiIT {
  @TempDir static Path dir;
  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.secure(dir);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  record Answer(int status, JsonNode body) {}

  static Answer ask(String csrPem, String certificatePem) throws Exception {
    HttpClient https =
        HttpClient.newBuilder()
            .sslContext(TlsContexts.pinned(hub.hub.pki().caFingerprint()))
            .build();
    HttpResponse<String> r =
        https.send(
            HttpRequest.newBuilder(
                    URI.create("https://localhost:" + hub.hub.httpsPort() + "/api/v1/renewals"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        WireJson.mapper()
                            .writeValueAsString(
                                Map.of("csr", csrPem, "certificate", certificatePem))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), WireJson.mapper().readTree(r.body()));
  }

  static TlsContexts.Identity enrolled(String id) throws Exception {
    String token = hub.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
    return EnrollmentClient.enroll(hub, token, id);
  }

  static String csr(TlsContexts.Identity id, String cn) {
    return Csr.pem(RenewalIT.keysOf(id), cn);
  }

  static String cert(TlsContexts.Identity id) {
    return Pem.encode(id.chain().get(0));
  }

  @Test
  void holdsTheRequestUntilTheAdminApprovesItThenTheDevicesPollGetsTheCertificate()
      throws Exception {
    TlsContexts.Identity id = enrolled("exp-ok");

    Answer first = ask(csr(id, "exp-ok"), cert(id));
    Answer again = ask(csr(id, "exp-ok"), cert(id));

    assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
    assertThat(first.body().path("status").asText()).isEqualTo("pending");
    assertThat(again.status()).isEqualTo(202);
    assertThat(first.body().has("certificate")).isFalse();
    JsonNode listed = hub.api.get("/api/v1/renewals").body().path("items");
    assertThat(listed).anySatisfy(r -> assertThat(r.path("deviceId").asText()).isEqualTo("exp-ok"));

    Api.Reply approved = hub.api.post("/api/v1/renewals/exp-ok/approve", "");
    Answer polled = ask(csr(id, "exp-ok"), cert(id));

    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    assertThat(polled.status()).isEqualTo(200);
    X509Certificate renewed = Pem.certificate(polled.body().path("certificate").asText());
    renewed.verify(hub.hub.pki().caCertificate().getPublicKey());
    assertThat(renewed.getPublicKey()).isEqualTo(id.chain().get(0).getPublicKey());
    assertThat(renewed.getSerialNumber()).isNotEqualTo(id.chain().get(0).getSerialNumber());
    assertThat(hub.api.get("/api/v1/renewals").body().path("items"))
        .noneSatisfy(r -> assertThat(r.path("deviceId").asText()).isEqualTo("exp-ok"));
    assertThat(hub.api.post("/api/v1/renewals/exp-ok/approve", "").status()).isEqualTo(404);
    assertThat(RenewalIT.metricsOf(hub))
        .contains("skerry_hub_renewals_total{result=\"pending\"}")
        .contains("skerry_hub_renewals_total{result=\"approved\"}");
  }

  @Test
  void listingAndApprovingNeedTheAdminToken() throws Exception {
    TlsContexts.Identity id = enrolled("exp-auth");
    ask(csr(id, "exp-auth"), cert(id));
    Api stranger = new Api(hub.hub.httpPort(), "not-the-token");

    assertThat(hub.api.getWith("/api/v1/renewals", null).status()).isEqualTo(401);
    assertThat(stranger.post("/api/v1/renewals/exp-auth/approve", "").status()).isEqualTo(401);
    assertThat(hub.api.get("/api/v1/renewals").body().path("items"))
        .anySatisfy(r -> assertThat(r.path("deviceId").asText()).isEqualTo("exp-auth"));
  }

  @Test
  void refusesACertificateOfAnotherCaARevokedDeviceAndAnotherKey() throws Exception {
    TlsContexts.Identity id = enrolled("exp-bad");
    TestHub other = TestHub.secure(dir.resolve("other"));
    TlsContexts.Identity foreign;
    try {
      String token = other.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
      foreign = EnrollmentClient.enroll(other, token, "exp-bad");
    } finally {
      other.close();
    }

    Answer otherCa = ask(csr(foreign, "exp-bad"), cert(foreign));
    Answer otherKey = ask(Csr.forId("exp-bad").pem(), cert(id));
    hub.api.post("/api/v1/devices/exp-bad/revoke", "{}");
    Answer revoked = ask(csr(id, "exp-bad"), cert(id));

    assertThat(otherCa.status()).isEqualTo(403);
    assertThat(otherCa.body().path("error").path("code").asText()).isEqualTo("other_ca");
    assertThat(otherKey.body().path("error").path("code").asText()).isEqualTo("key_mismatch");
    assertThat(revoked.status()).isEqualTo(403);
    assertThat(revoked.body().path("error").path("code").asText()).isEqualTo("revoked");
    assertThat(ask("nonsense", cert(id)).status()).isEqualTo(400);
    assertThat(hub.api.get("/api/v1/renewals").body().path("items"))
        .noneSatisfy(r -> assertThat(r.path("deviceId").asText()).isEqualTo("exp-bad"));
  }
}
