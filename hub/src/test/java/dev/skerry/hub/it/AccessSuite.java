package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users, roles, tokens and the audit trail on a real hub; run on SQLite ({@link AccessIT}) and on
 * PostgreSQL ({@link AccessPostgresIT}).
 */
abstract class AccessSuite {
  static final String PASSWORD = "a long test password";
  @TempDir Path dir;
  TestHub hub;
  Api admin;

  abstract TestHub start(Path dataDir);

  @BeforeEach
  void startHub() {
    hub = start(dir);
    admin = hub.api;
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }

  void createUser(String name, String role) {
    Api.Reply r =
        admin.post(
            "/api/v1/users",
            "{\"name\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"role\":\""
                + role
                + "\"}");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
  }

  Api.Reply login(String name, String password) {
    return new Api(hub.hub.httpPort(), "none")
        .postWithout(
            "/api/v1/login", "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
  }

  Api as(String name) {
    Api.Reply r = login(name, PASSWORD);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return new Api(hub.hub.httpPort(), r.body().path("token").asText());
  }

  static String deployment(String name) {
    return Deployments.json(name, "site", "a", "registry.invalid/app:1");
  }

  @Test
  void aViewerReadsButCannotDeploy() {
    createUser("vera", "viewer");
    Api vera = as("vera");

    assertThat(vera.get("/api/v1/devices").status()).isEqualTo(200);
    Api.Reply refused = vera.put("/api/v1/deployments/web", deployment("web"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("forbidden");
    assertThat(refused.body().path("error").path("required").asText()).isEqualTo("operator");
    assertThat(admin.get("/api/v1/deployments").body().path("items")).isEmpty();
  }

  @Test
  void anOperatorDeploysUnderTheirOwnNameButCannotCreateUsers() {
    createUser("olga", "operator");
    Api olga = as("olga");

    assertThat(olga.put("/api/v1/deployments/web", deployment("web")).status()).isEqualTo(200);
    Api.Reply refused =
        olga.post(
            "/api/v1/users",
            "{\"name\":\"eve\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().path("error").path("required").asText()).isEqualTo("admin");
    assertThat(login("eve", PASSWORD).status()).isEqualTo(401);
    JsonNode revisions = admin.get("/api/v1/deployments/web/revisions").body().path("items");
    assertThat(revisions.get(0).path("appliedBy").asText()).isEqualTo("olga");
  }

  @Test
  void aDeletedUsersSessionAndTokensAreRefused() {
    createUser("olga", "operator");
    Api session = as("olga");
    Api.Reply created = session.post("/api/v1/tokens", "{\"name\":\"ci\"}");
    assertThat(created.status()).isEqualTo(201);
    Api personal = new Api(hub.hub.httpPort(), created.body().path("token").asText());
    assertThat(personal.get("/api/v1/whoami").body().path("credential").asText())
        .isEqualTo("token:ci");

    assertThat(admin.delete("/api/v1/users/olga").status()).isEqualTo(200);

    assertThat(session.get("/api/v1/devices").status()).isEqualTo(401);
    assertThat(personal.get("/api/v1/devices").status()).isEqualTo(401);
  }

  @Test
  void personalTokensAreListedWithoutSecretsAndCanBeDeleted() {
    createUser("olga", "operator");
    Api olga = as("olga");
    Api.Reply created =
        olga.post("/api/v1/tokens", "{\"name\":\"ci\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
    String id = created.body().path("id").asText();

    JsonNode listed = olga.get("/api/v1/tokens").body().path("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).has("token")).isFalse();
    assertThat(listed.get(0).path("expiresAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
    assertThat(olga.delete("/api/v1/tokens/" + id).status()).isEqualTo(200);
    assertThat(
            new Api(hub.hub.httpPort(), created.body().path("token").asText())
                .get("/api/v1/devices")
                .status())
        .isEqualTo(401);
    assertThat(olga.delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
  }

  @Test
  void wrongPasswordsAreThrottledWithRetryAfter() throws Exception {
    createUser("olga", "operator");
    for (int i = 0; i < 5; i++) {
      assertThat(login("olga", "not the password").status()).isEqualTo(401);
    }

    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"olga\",\"password\":\"" + PASSWORD + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(r.body()).contains("too_many_attempts").doesNotContain(PASSWORD);
  }

  @Test
  void theConsoleCookieIsHttpOnlyStrictAndWritesNeedTheCsrfHeader() throws Exception {
    createUser("olga", "operator");
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + hub.hub.httpPort();
    HttpResponse<String> in =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"olga\",\"password\":\"" + PASSWORD + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
    // Attribute names are case-insensitive (RFC 6265); Vert.x writes "HTTPOnly".
    assertThat(setCookie).startsWith("skerry_session=skt_").contains("Path=/", "SameSite=Strict");
    assertThat(setCookie.toLowerCase(java.util.Locale.ROOT))
        .contains("; httponly")
        .doesNotContain("secure");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    HttpResponse<String> read =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/whoami"))
                .header("Cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/deployments/web"))
                .header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(deployment("web")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> console =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/deployments/web"))
                .header("Cookie", cookie)
                .header("X-Skerry-Csrf", "1")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(deployment("web")))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"role\":\"operator\"");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("csrf");
    assertThat(console.statusCode()).as(console.body()).isEqualTo(200);
  }

  @Test
  void everyChangeIsAuditedWithItsActorAndTheAuditCannotBeWritten() {
    createUser("olga", "operator");
    Api olga = as("olga");
    olga.put("/api/v1/deployments/web", deployment("web"));
    olga.put("/api/v1/deployments/web", deployment("web")); // no change: nothing to audit
    // Without devices the rollout may complete before the pause: then 409, and nothing to audit.
    boolean paused = olga.post("/api/v1/deployments/web/pause", "").status() == 200;
    Api.Reply token = olga.post("/api/v1/tokens", "{\"name\":\"ci\"}");
    admin.post("/api/v1/join-tokens", "{\"ttlSeconds\":60}");
    olga.delete("/api/v1/deployments/web");

    Api.Reply written = olga.post("/api/v1/audit", "{\"actor\":\"mallory\"}");
    List<String> trail = new ArrayList<>();
    String cursor = null;
    do {
      Api.Reply page =
          olga.get("/api/v1/audit?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.body()
          .path("items")
          .forEach(
              e ->
                  trail.add(
                      e.path("actor").asText()
                          + " "
                          + e.path("action").asText()
                          + " "
                          + e.path("object").asText()
                          + (e.has("revision") ? " r" + e.path("revision").asLong() : "")));
      cursor = page.body().hasNonNull("next") ? page.body().path("next").asText() : null;
    } while (cursor != null);

    assertThat(written.status()).isIn(404, 405);
    List<String> expected = new ArrayList<>();
    expected.add("admin-token user.create:operator user/olga");
    expected.add("olga login user/olga");
    expected.add("olga deployment.apply deployment/web r1");
    if (paused) {
      expected.add("olga rollout.pause deployment/web r1");
    }
    expected.add("olga token.create token/olga/" + token.body().path("id").asText());
    expected.add("admin-token join-token.create join-token/*");
    expected.add("olga deployment.delete deployment/web");
    assertThat(trail).containsExactlyElementsOf(expected);
    JsonNode byOlga =
        olga.get("/api/v1/audit?actor=olga&object=deployment/web").body().path("items");
    assertThat(byOlga).hasSize(paused ? 3 : 2);
    assertThat(byOlga.get(0).path("address").asText()).isEqualTo("127.0.0.1");
    assertThat(byOlga.get(0).path("userAgent").asText()).isNotEmpty();
    assertThat(as("olga").get("/api/v1/audit").status()).isEqualTo(200);
    createUser("vera", "viewer");
    assertThat(as("vera").get("/api/v1/audit").status()).isEqualTo(403);
  }
}
