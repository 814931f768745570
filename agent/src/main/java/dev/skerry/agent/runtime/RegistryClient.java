package dev.skerry.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
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
  private final Context context;
  private final Set<String> insecure;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bodyBytes = new AtomicLong();

  RegistryClient(Vertx vertx, Set<String> insecureRegistries) {
    this.insecure = Set.copyOf(insecureRegistries);
    // Every request starts on this one context: the connection's event loop then delivers the
    // response on the same thread, so body handlers are set before any body data is handled.
    this.context = vertx.getOrCreateContext();
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
    BlobReader reply = get(ref, url, headers, "manifest " + ref);
    if (reply.status() == 404) {
      reply.close();
      throw new RuntimeFailure(
          "ImageNotFound",
          "registry has no manifest " + reference + " for " + ref.repository(),
          false);
    }
    checkStatus(reply, "manifest of " + ref);
    byte[] bytes = reply.readAll("manifest of " + ref);
    return new Document(
        bytes,
        reply.header(HttpHeaders.CONTENT_TYPE.toString()),
        reply.header("Docker-Content-Digest"));
  }

  /** A small blob (image config) read into memory. */
  byte[] smallBlob(ImageReference ref, String digest) {
    BlobReader reply = blob(ref, digest);
    return reply.readAll("blob " + digest);
  }

  /** Opens a blob for streaming; the caller reads it on its worker thread. */
  BlobReader blob(ImageReference ref, String digest) {
    String url = base(ref) + "/v2/" + ref.repository() + "/blobs/" + digest;
    BlobReader reply = get(ref, url, MultiMap.caseInsensitiveMultiMap(), "blob " + digest);
    checkStatus(reply, "blob " + digest);
    return reply;
  }

  private String base(ImageReference ref) {
    return (insecure.contains(ref.registry()) ? "http://" : "https://") + ref.endpointHost();
  }

  /** GET answering one Bearer challenge (anonymous token) and following redirects. */
  private BlobReader get(ImageReference ref, String url, MultiMap headers, String what) {
    String scopeKey = ref.registry() + "/" + ref.repository();
    String authority = URI.create(url).getAuthority();
    BlobReader reply = await(send(url, headers, authority, tokens.get(scopeKey), 0), what);
    if (reply.status() != 401) {
      return reply;
    }
    BearerChallenge challenge = BearerChallenge.parse(reply.header("WWW-Authenticate"));
    reply.close();
    if (challenge == null) {
      throw unauthorized(ref, "no Bearer challenge");
    }
    String token = token(challenge, ref);
    tokens.put(scopeKey, token);
    BlobReader again = await(send(url, headers, authority, token, 0), what);
    if (again.status() == 401 || again.status() == 403) {
      again.close();
      throw unauthorized(ref, "token refused");
    }
    return again;
  }

  /** Sends GET and follows redirects; the body is read through the returned reader. */
  private Future<BlobReader> send(
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
    Promise<BlobReader> reply = Promise.promise();
    context.runOnContext(
        v -> exchange(options, url, headers, authHost, token, hops).onComplete(reply));
    return reply.future();
  }

  private Future<BlobReader> exchange(
      RequestOptions options,
      String url,
      MultiMap headers,
      String authHost,
      String token,
      int hops) {
    return http.request(options)
        .compose(req -> req.send())
        .compose(
            resp -> {
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
              // Handlers are set here, on the event loop, before any body data is handled.
              return Future.succeededFuture(new BlobReader(resp, url, bodyBytes));
            });
  }

  private String token(BearerChallenge challenge, ImageReference ref) {
    String scope =
        challenge.scope() != null ? challenge.scope() : "repository:" + ref.repository() + ":pull";
    StringBuilder url = new StringBuilder(challenge.realm());
    url.append(challenge.realm().contains("?") ? '&' : '?');
    if (challenge.service() != null) {
      url.append("service=").append(encode(challenge.service())).append('&');
    }
    url.append("scope=").append(encode(scope));
    BlobReader reply =
        await(send(url.toString(), MultiMap.caseInsensitiveMultiMap(), null, null, 0), "token");
    if (reply.status() != 200) {
      reply.close();
      throw unauthorized(ref, "token endpoint answered " + reply.status());
    }
    try {
      JsonNode json = JSON.readTree(reply.readAll("token"));
      String token = json.path("token").asText(json.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw unauthorized(ref, "token endpoint gave no token");
      }
      return token;
    } catch (IOException e) {
      throw unauthorized(ref, "unreadable token answer");
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static RuntimeFailure unauthorized(ImageReference ref, String why) {
    return new RuntimeFailure(
        "Unauthorized", "registry refused anonymous pull of " + ref + ": " + why, false);
  }

  private static void checkStatus(BlobReader reply, String what) {
    int code = reply.status();
    if (code == 200) {
      return;
    }
    reply.close();
    boolean retry = code == 408 || code == 429 || code >= 500;
    String reason = code == 401 || code == 403 ? "Unauthorized" : "ImagePullFailed";
    throw new RuntimeFailure(reason, "registry answered HTTP " + code + " for " + what, retry);
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

  /** Response body bytes received so far. */
  long bodyBytes() {
    return bodyBytes.get();
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
   * A response body read from a worker thread with back-pressure: at most a few buffers are queued
   * between the event loop and the reader.
   */
  static final class BlobReader implements AutoCloseable {
    private static final Object END = new Object();
    private final HttpClientResponse resp;
    private final String what;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong counter;
    private boolean ended;

    /** Must run on the event loop that delivered the response headers. */
    BlobReader(HttpClientResponse resp, String what, AtomicLong counter) {
      this.resp = resp;
      this.what = what;
      this.counter = counter;
      resp.pause();
      resp.handler(queue::add);
      resp.exceptionHandler(queue::add);
      resp.endHandler(v -> queue.add(END));
      resp.fetch(4);
    }

    int status() {
      return resp.statusCode();
    }

    String header(String name) {
      return resp.getHeader(name);
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
        throw new RuntimeFailure("ImagePullFailed", "interrupted reading " + what, true, e);
      }
      if (item == null) {
        throw new RuntimeFailure("ImagePullFailed", "registry stalled sending " + what, true);
      }
      if (item == END) {
        ended = true;
        return null;
      }
      if (item instanceof Throwable t) {
        ended = true;
        throw new RuntimeFailure(
            "ImagePullFailed", "download of " + what + " broke: " + t.getMessage(), true, t);
      }
      resp.fetch(1);
      Buffer chunk = (Buffer) item;
      counter.addAndGet(chunk.length());
      return chunk;
    }

    /** The whole (small) body: manifests, configs, tokens. */
    byte[] readAll(String label) {
      Buffer all = Buffer.buffer();
      try (this) {
        for (Buffer b = next(); b != null; b = next()) {
          all.appendBuffer(b);
          if (all.length() > MAX_DOCUMENT_BYTES) {
            throw new RuntimeFailure("ImagePullFailed", label + " is larger than 4 MiB", false);
          }
        }
      }
      return all.getBytes();
    }

    /** Drops the rest of the body (and the connection if the body is not finished). */
    @Override
    public void close() {
      if (!ended) {
        ended = true;
        resp.request().reset();
      }
    }
  }
}
