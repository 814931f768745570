package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A thin client of the hub's REST API. Answers are JSON trees; a 4xx/5xx becomes a {@link
 * CliException} with exit code 1, an unreachable hub one with exit code 3.
 */
final class HubClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HubSettings settings;
  private final HttpClient http;
  private final String userAgent;

  HubClient(HubSettings settings, String version) {
    this.settings = Objects.requireNonNull(settings, "settings");
    // HTTP/1.1: the JDK's default h2c upgrade attempt buys nothing for one short request.
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT);
    if ("http".equals(settings.hub().getScheme())) {
      // Without an SSLContext the JDK builds the default one, loading the CA store (~0.3 s of a
      // CLI run). Plain HTTP never uses it, and redirects (to https) are not followed.
      builder.sslContext(unusedSslContext()).sslParameters(new SSLParameters());
    }
    this.http = builder.build();
    this.userAgent = "skerryctl/" + version;
  }

  private static SSLContext unusedSslContext() {
    try {
      return SSLContext.getInstance("TLS");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has TLS", e);
    }
  }

  /** A path segment with everything but unreserved characters percent-encoded. */
  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String query(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  JsonNode get(String path) {
    return send("GET", path, BodyPublishers.noBody(), null);
  }

  /** GET that answers empty on 404 instead of failing. */
  Optional<JsonNode> getIfExists(String path) {
    Answer a = exchange("GET", path, BodyPublishers.noBody(), null);
    return a.status == 404 ? Optional.empty() : Optional.of(a.json());
  }

  JsonNode put(String path, String body, String contentType) {
    return send("PUT", path, BodyPublishers.ofString(body), contentType);
  }

  JsonNode post(String path) {
    return send("POST", path, BodyPublishers.noBody(), null);
  }

  JsonNode post(String path, String body, String contentType) {
    return send("POST", path, BodyPublishers.ofString(body), contentType);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, BodyPublishers.noBody(), null);
  }

  private JsonNode send(String method, String path, BodyPublisher body, String contentType) {
    return exchange(method, path, body, contentType).json();
  }

  private Answer exchange(String method, String path, BodyPublisher body, String contentType) {
    URI uri = URI.create(settings.hub() + path);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .header("X-Skerry-Actor", ACTOR)
            .method(method, body);
    if (settings.token() != null) {
      req.header("Authorization", "Bearer " + settings.token());
    }
    if (contentType != null) {
      req.header("Content-Type", contentType);
    }
    HttpResponse<String> resp;
    try {
      resp = http.send(req.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.input("interrupted while waiting for the hub");
    }
    return new Answer(resp.statusCode(), resp.body(), method + " " + uri);
  }

  private CliException unreachable(IOException e) {
    String why;
    if (e instanceof HttpConnectTimeoutException) {
      why = "no connection within " + CONNECT_TIMEOUT.toSeconds() + "s";
    } else if (e instanceof HttpTimeoutException) {
      why = "no answer within " + REQUEST_TIMEOUT.toSeconds() + "s";
    } else if (hasCause(e, UnresolvedAddressException.class)) {
      why = "unknown host " + settings.hub().getHost();
    } else if (e instanceof ConnectException) {
      // The JDK's client reports a refused connection as a ConnectException without a message.
      why = e.getMessage() == null ? "connection refused" : e.getMessage();
    } else {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new CliException(
        CliException.UNREACHABLE,
        "cannot connect to the hub at "
            + settings.hub()
            + " (from "
            + settings.hubSource()
            + "): "
            + why,
        List.of(),
        "is the hub running there? point skerryctl at it with --hub URL or SKERRY_HUB_URL");
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private final class Answer {
    final int status;
    final String body;
    final String request;

    Answer(int status, String body, String request) {
      this.status = status;
      this.body = body;
      this.request = request;
    }

    JsonNode json() {
      if (status < 200 || status > 299) {
        throw ErrorBody.toException(status, body, settings);
      }
      if (body.isBlank()) {
        return Json.JSON.missingNode();
      }
      try {
        return Json.JSON.readTree(body);
      } catch (IOException e) {
        throw CliException.input(
            request
                + " answered "
                + status
                + " with something other than JSON; is "
                + settings.hub()
                + " a Skerry hub?");
      }
    }
  }

  /** user@host of whoever runs skerryctl, recorded by the hub with each revision applied. */
  private static final String ACTOR = actor();

  private static String actor() {
    String user = System.getProperty("user.name", "unknown");
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown";
    }
    return user + "@" + host;
  }
}
