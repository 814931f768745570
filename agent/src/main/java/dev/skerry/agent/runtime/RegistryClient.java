package dev.skerry.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registry v2 HTTP API, anonymous pulls only: manifests, blobs, Bearer token challenges,
 * redirects (Authorization is dropped when the host changes). HTTPS unless the registry is listed
 * as insecure. Blocking methods; call them from a worker thread.
 */
final class RegistryClient implements AutoCloseable {
  static final long MAX_DOCUMENT_BYTES = 4L * 1024 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_REDIRECTS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Set<String> insecure;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();

  RegistryClient(Vertx vertx, Set<String> insecureRegistries) {
    this.insecure = Set.copyOf(insecureRegistries);
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout(10_000)
                .setIdleTimeout(60)
                .setMaxPoolSize(4)
                .setVerifyHost(true));
  }

  /** A manifest or index as the registry sent it; {@code bytes} are never re-serialized. */
  record Document(byte[] bytes, String contentType, String digestHeader) {}

  /** GET /v2/repo/manifests/ref with Accept for OCI and Docker v2 manifests and indexes. */
  Document manifest(ImageReference ref, String reference) {
    String url = base(ref) + "/v2/" + ref.repository() + "/manifests/" + reference;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set(HttpHeaders.ACCEPT, OciImages.ACCEPT);
    HttpClientResponse resp = await(open(ref, url, headers), "manifest " + ref);
    if (resp.statusCode() == 404) {
      resp.resume();
      throw new RuntimeFailure(
          "ImageNotFound",
          "registry has no manifest " + reference + " for " + ref.repository(),
          false);
    }
    checkStatus(resp, "manifest of " + ref);
    byte[] bytes = readAll(resp, "manifest of " + ref);
    return new Document(
        bytes, resp.getHeader(HttpHeaders.CONTENT_TYPE), resp.getHeader("Docker-Content-Digest"));
  }

  /** A small blob (image config) read into memory. */
  byte[] smallBlob(ImageReference ref, String digest) {
    HttpClientResponse resp =
        await(
            open(ref, blobUrl(ref, digest), MultiMap.caseInsensitiveMultiMap()), "blob " + digest);
    checkStatus(resp, "blob " + digest);
    return readAll(resp, "blob " + digest);
  }

  /** Opens a blob for streaming; the caller reads it on its worker thread. */
  BlobReader blob(ImageReference ref, String digest) {
    HttpClientResponse resp =
        await(
            open(ref, blobUrl(ref, digest), MultiMap.caseInsensitiveMultiMap()), "blob " + digest);
    checkStatus(resp, "blob " + digest);
    return new BlobReader(resp, digest);
  }

  private String blobUrl(ImageReference ref, String digest) {
    return base(ref) + "/v2/" + ref.repository() + "/blobs/" + digest;
  }

  private String base(ImageReference ref) {
    return (insecure.contains(ref.registry()) ? "http://" : "https://") + ref.endpointHost();
  }

  /** Sends GET, answering one Bearer challenge and following redirects; the answer is paused. */
  private Future<HttpClientResponse> open(ImageReference ref, String url, MultiMap headers) {
    String scopeKey = ref.registry() + "/" + ref.repository();
    return send(url, headers, URI.create(url).getAuthority(), tokens.get(scopeKey), 0)
        .compose(
            resp -> {
              if (resp.statusCode() != 401) {
                return Future.succeededFuture(resp);
              }
              BearerChallenge challenge = BearerChallenge.parse(resp.getHeader("WWW-Authenticate"));
              resp.resume();
              if (challenge == null) {
                return Future.failedFuture(unauthorized(ref, "no Bearer challenge"));
              }
              return token(challenge, ref)
                  .compose(
                      token -> {
                        tokens.put(scopeKey, token);
                        return send(url, headers, URI.create(url).getAuthority(), token, 0);
                      })
                  .compose(
                      retried -> {
                        if (retried.statusCode() == 401 || retried.statusCode() == 403) {
                          retried.resume();
                          return Future.failedFuture(unauthorized(ref, "token refused"));
                        }
                        return Future.succeededFuture(retried);
                      });
            });
  }

  private Future<HttpClientResponse> send(
      String url, MultiMap headers, String authHost, String token, int hops) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(url)
            .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers))
            .setIdleTimeout(TIMEOUT.toMillis());
    if (token != null && Objects.equals(URI.create(url).getAuthority(), authHost)) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }
    requests.incrementAndGet();
    return http.request(options)
        .compose(req -> req.send())
        .compose(
            resp -> {
              resp.pause();
              int code = resp.statusCode();
              String location = resp.getHeader(HttpHeaders.LOCATION);
              if (code >= 300 && code < 400 && code != 304 && location != null) {
                resp.resume();
                if (hops >= MAX_REDIRECTS) {
                  return Future.failedFuture(
                      new RuntimeFailure("ImagePullFailed", "too many redirects at " + url, true));
                }
                String next = URI.create(url).resolve(location).toString();
                return send(next, headers, authHost, token, hops + 1);
              }
              return Future.succeededFuture(resp);
            });
  }

  private Future<String> token(BearerChallenge challenge, ImageReference ref) {
    String scope =
        challenge.scope() != null ? challenge.scope() : "repository:" + ref.repository() + ":pull";
    StringBuilder url = new StringBuilder(challenge.realm());
    url.append(challenge.realm().contains("?") ? '&' : '?');
    if (challenge.service() != null) {
      url.append("service=").append(encode(challenge.service())).append('&');
    }
    url.append("scope=").append(encode(scope));
    return send(url.toString(), MultiMap.caseInsensitiveMultiMap(), null, null, 0)
        .compose(
            resp -> {
              if (resp.statusCode() != 200) {
                resp.resume();
                return Future.failedFuture(
                    unauthorized(ref, "token endpoint answered " + resp.statusCode()));
              }
              Future<Buffer> pending = resp.body();
              resp.resume();
              return pending;
            })
        .compose(
            body -> {
              try {
                JsonNode json = JSON.readTree(body.getBytes());
                String token = json.path("token").asText(json.path("access_token").asText(""));
                return token.isEmpty()
                    ? Future.failedFuture(unauthorized(ref, "token endpoint gave no token"))
                    : Future.succeededFuture(token);
              } catch (IOException e) {
                return Future.failedFuture(unauthorized(ref, "unreadable token answer"));
              }
            });
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static RuntimeFailure unauthorized(ImageReference ref, String why) {
    return new RuntimeFailure(
        "Unauthorized", "registry refused anonymous pull of " + ref + ": " + why, false);
  }

  private static void checkStatus(HttpClientResponse resp, String what) {
    int code = resp.statusCode();
    if (code == 200) {
      return;
    }
    resp.resume();
    boolean retry = code == 408 || code == 429 || code >= 500;
    String reason = code == 401 || code == 403 ? "Unauthorized" : "ImagePullFailed";
    throw new RuntimeFailure(reason, "registry answered HTTP " + code + " for " + what, retry);
  }

  private static byte[] readAll(HttpClientResponse resp, String what) {
    String length = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && Long.parseLong(length) > MAX_DOCUMENT_BYTES) {
      resp.resume();
      throw new RuntimeFailure("ImagePullFailed", what + " is larger than 4 MiB", false);
    }
    Future<Buffer> pending = resp.body();
    resp.resume();
    Buffer body = await(pending, what);
    return body.getBytes();
  }

  static <T> T await(Future<T> future, String what) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("ImagePullFailed", what + ": interrupted", true, e);
    } catch (TimeoutException e) {
      throw new RuntimeFailure(
          "ImagePullFailed", what + ": registry did not answer in time", true, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeFailure rf) {
        throw rf;
      }
      throw new RuntimeFailure(
          "ImagePullFailed",
          what + ": registry unreachable: " + e.getCause().getMessage(),
          true,
          e.getCause());
    }
  }

  /** HTTP requests sent so far (tests check that a cached image costs none). */
  long requestCount() {
    return requests.get();
  }

  @Override
  public void close() {
    http.close();
  }

  /**
   * A blob body read from a worker thread with back-pressure: at most a few buffers are queued
   * between the event loop and the reader.
   */
  static final class BlobReader implements AutoCloseable {
    private static final Object END = new Object();
    private final HttpClientResponse resp;
    private final String digest;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private boolean ended;

    BlobReader(HttpClientResponse resp, String digest) {
      this.resp = resp;
      this.digest = digest;
      resp.handler(queue::add);
      resp.exceptionHandler(queue::add);
      resp.endHandler(v -> queue.add(END));
      resp.fetch(4);
    }

    /** The next chunk, or null at the end of the body. */
    Buffer next() {
      if (ended) {
        return null;
      }
      Object item;
      try {
        item = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeFailure("ImagePullFailed", "interrupted reading " + digest, true, e);
      }
      if (item == null) {
        throw new RuntimeFailure("ImagePullFailed", "registry stalled sending " + digest, true);
      }
      if (item == END) {
        ended = true;
        return null;
      }
      if (item instanceof Throwable t) {
        ended = true;
        throw new RuntimeFailure(
            "ImagePullFailed", "download of " + digest + " broke: " + t.getMessage(), true, t);
      }
      resp.fetch(1);
      return (Buffer) item;
    }

    @Override
    public void close() {
      if (!ended) {
        ended = true;
        resp.request().reset();
      }
    }
  }
}
