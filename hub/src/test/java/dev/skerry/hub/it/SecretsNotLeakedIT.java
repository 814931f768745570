package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.skerry.core.identity.JoinToken;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.wire.Topics;
import dev.skerry.hub.app.HttpsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the identity flow — join tokens made, used, misused; a device enrolled, connected, listed,
 * relabelled and revoked; bad bearer tokens tried — with every logger of this JVM at DEBUG into
 * memory, then looks for each secret of the run in every log line and every API answer: the admin
 * token, the join tokens and their secret parts, the device's and the hub's private keys.
 */
class SecretsNotLeakedIT {
  @TempDir Path dir;

  @Test
  void noSecretOfTheIdentityFlowReachesALogLineOrAnApiAnswer() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    root.setLevel(Level.DEBUG);
    List<String> answers = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    try (TestHub hub = TestHub.secure(dir.resolve("hub"), HttpsSettings.loopback())) {
      String admin = Files.readString(dir.resolve("hub/admin.token")).trim();
      secrets.add(admin);
      HttpClient https =
          HttpClient.newBuilder()
              .sslContext(dev.skerry.core.tls.TlsContexts.pinned(hub.hub.pki().caFingerprint()))
              .connectTimeout(Duration.ofSeconds(5))
              .build();

      Api.Reply created =
          hub.api.post("/api/v1/join-tokens", "{\"deviceId\":\"leak-1\",\"labels\":{\"a\":\"b\"}}");
      // The one answer that must carry a secret: the join token, shown once.
      String token = created.body().get("token").asText();
      secrets.add(token);
      secrets.add(JoinToken.parse(token).secret());
      String unused = hub.api.post("/api/v1/join-tokens", "{}").body().get("token").asText();
      secrets.add(JoinToken.parse(unused).secret());

      // Misuse first: a tampered token, a token on plain HTTP, the admin token as a join token.
      String tampered = token.substring(0, token.length() - 2) + "xx";
      secrets.add(JoinToken.parse(tampered).secret());
      Csr csr = Csr.forId("leak-1");
      secrets.addAll(pemBodyLines(Pem.encode(csr.keys().getPrivate())));
      answers.add(enroll(https, hub, tampered, csr.pem()));
      answers.add(enroll(https, hub, admin, csr.pem()));
      answers.add(
          post(
              HttpClient.newHttpClient(),
              "http://127.0.0.1:" + hub.hub.httpPort() + "/api/v1/enroll",
              body(token, csr.pem())));
      answers.add(hub.api.getWith("/api/v1/devices", "Bearer " + unused).body().toString());
      answers.add(hub.api.getWith("/api/v1/devices", "Bearer " + admin + "0").body().toString());

      // Then the real thing: enroll, connect, be listed, relabelled, revoked.
      String enrolled = enroll(https, hub, token, csr.pem());
      answers.add(enrolled);
      var identity = EnrollmentClient.enroll(hub, unused, "leak-2");
      try (CertDevice device =
          CertDevice.connect(hub.brokerUrl(), "leak-2", hub.hub.pki().caCertificate(), identity)) {
        device.publish(
            Topics.presence("leak-2"),
            "{\"v\":1,\"deviceId\":\"leak-2\",\"state\":\"online\",\"epoch\":1,"
                + "\"at\":\"2026-12-01T10:00:00Z\"}",
            true);
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> hub.api.get("/api/v1/devices/leak-2").body().path("online").asBoolean());
      }
      answers.add(hub.api.get("/api/v1/devices").body().toString());
      answers.add(hub.api.get("/api/v1/devices/leak-1").body().toString());
      answers.add(hub.api.put("/api/v1/devices/leak-1/labels", "{\"x\":\"y\"}").body().toString());
      answers.add(hub.api.post("/api/v1/devices/leak-1/revoke", "{}").body().toString());
      answers.add(hub.api.post("/api/v1/join-tokens", "{\"ttlSeconds\":-1}").body().toString());
      answers.add(
          get(HttpClient.newHttpClient(), "http://127.0.0.1:" + hub.hub.httpPort() + "/metrics"));
      for (String key : List.of("ca.key", "signing.key", "server.key", "hub-client.key")) {
        Path file = dir.resolve("hub/pki").resolve(key);
        if (Files.exists(file)) {
          secrets.addAll(pemBodyLines(Files.readString(file)));
        }
      }
    } finally {
      root.detachAppender(captured);
      root.setLevel(before);
    }

    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : captured.list) {
      lines.add(
          e.getLoggerName()
              + " "
              + e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }
    assertThat(lines).as("the run logged").hasSizeGreaterThan(10);
    assertThat(secrets).hasSizeGreaterThan(6);
    for (String secret : secrets) {
      assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
      assertThat(answers).as("API answers").noneMatch(answer -> answer.contains(secret));
    }
  }

  /** The Base64 lines of a PEM block: any one of them in a log would leak part of the key. */
  static List<String> pemBodyLines(String pem) {
    return pem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 40).toList();
  }

  static String body(String token, String csr) throws Exception {
    return dev.skerry.core.wire.WireJson.mapper()
        .writeValueAsString(java.util.Map.of("token", token, "csr", csr));
  }

  static String enroll(HttpClient https, TestHub hub, String token, String csr) throws Exception {
    return post(
        https, "https://localhost:" + hub.hub.httpsPort() + "/api/v1/enroll", body(token, csr));
  }

  static String post(HttpClient client, String url, String json) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static String get(HttpClient client, String url) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
