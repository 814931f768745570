package dev.skerry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The hub's REST API as an operator's script sees it. */
final class HubClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;
  private final String token;

  HubClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  record Response(int status, JsonNode body) {}

  Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Response put(String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  Response post(String path) {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Response post(String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * A single-use join token bound to {@code deviceId}, written to {@code dir/<id>.token} (0600) for
   * the agent's {@code --join-token-file}.
   */
  java.nio.file.Path joinTokenFile(java.nio.file.Path dir, String deviceId) throws IOException {
    Response r =
        post("/api/v1/join-tokens", "{\"deviceId\":\"" + deviceId + "\",\"ttlSeconds\":3600}");
    if (r.status() != 201) {
      throw new IllegalStateException("join token for " + deviceId + ": " + r);
    }
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Path file = dir.resolve(deviceId + ".token");
    java.nio.file.Files.writeString(file, r.body().path("token").asText());
    java.nio.file.Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
  }

  boolean healthy() {
    try {
      return http.send(
                  HttpRequest.newBuilder(base.resolve("/healthz")).GET().build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.header("Authorization", "Bearer " + token).build(),
              HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Response(
          response.statusCode(), body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
    } catch (IOException e) {
      throw new IllegalStateException("hub request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
