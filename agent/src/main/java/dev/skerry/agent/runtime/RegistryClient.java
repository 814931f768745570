package dev.skerry.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.core.spec.ImageReference;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The registry v2 HTTP API: manifests, blobs, Basic and Bearer authentication with the login
 * configured per registry (anonymous otherwise), redirects (Authorization is dropped when the host
 * changes). HTTPS unless the registry is listed as insecure, trusting the system CAs plus the
 * registry's own CA file or the global one. Blocking methods; call them from a worker thread.
 */
final class RegistryClient implements AutoCloseable {
  static final long MAX_DOCUMENT_BYTES = 4L * 1024 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_REDIRECTS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final Context context;
  private final Set<String> insecure;
  private final Map<String, RegistryAccess> access;
  private final Path globalCa;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bodyBytes = new AtomicLong();

  RegistryClient(Vertx vertx, Set<String> insecureRegistries) {
    this(vertx, insecureRegistries, Map.of(), null);
  }

  RegistryClient(
      Vertx vertx,
      Set<String> insecureRegistries,
      Map<String, RegistryAccess> access,
      Path globalCa) {
    this.vertx = vertx;
    this.insecure = Set.copyOf(insecureRegistries);
    this.access = Map.copyOf(access);
    this.globalCa = globalCa;
    // Every request starts on this one context: the connection's event loop then delivers the
    // response on the same thread, so body handlers are set before any body data is handled.
    this.context = vertx.getOrCreateContext();
  }

  /** One client per host:port, so each trusts its registry's own CA. */
  private HttpClient client(String authority) {
    return clients.computeIfAbsent(
        authority,
        a -> {
          HttpClientOptions options =
              new HttpClientOptions()
                  .setConnectTimeout(10_000)
                  .setIdleTimeout(60)
                  .setMaxPoolSize(4)
                  .setVerifyHost(true);
          Path ca = accessFor(a).caFile() != null ? accessFor(a).caFile() : globalCa;
          if (ca != null) {
            options.setTrustOptions(RegistryTrust.withCa(ca));
          }
          return vertx.createHttpClient(options);
        });
  }

  private RegistryAccess accessFor(String registry) {
    return access.getOrDefault(registry, RegistryAccess.NONE);
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
    BlobReader reply = blob(ref, digest, 0);
    return reply.readAll("blob " + digest);
  }

  /**
   * Opens a blob for streaming from byte {@code from} (a Range request when {@code from > 0}); the
   * caller reads it on its worker thread. {@link BlobReader#offset()} says where the body starts: 0
   * if the registry ignored the range.
   */
  BlobReader blob(ImageReference ref, String digest, long from) {
    String url = base(ref) + "/v2/" + ref.repository() + "/blobs/" + digest;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (from > 0) {
      headers.set("Range", "bytes=" + from + "-");
    }
    BlobReader reply = get(ref, url, headers, "blob " + digest);
    if (from > 0 && reply.status() == 206) {
      reply.startsAt(from);
      return reply;
    }
    checkStatus(reply, "blob " + digest);
    return reply;
  }

  private String base(ImageReference ref) {
    return (insecure.contains(ref.registry()) ? "http://" : "https://") + ref.endpointHost();
  }

  /** GET answering one Basic or Bearer challenge and following redirects. */
  private BlobReader get(ImageReference ref, String url, MultiMap headers, String what) {
    String scopeKey = ref.registry() + "/" + ref.repository();
    String authority = URI.create(url).getAuthority();
    BlobReader reply =
        await(send(url, headers, authority, authorizations.get(scopeKey), 0), what, authority);
    if (reply.status() != 401) {
      return reply;
    }
    String header = reply.header("WWW-Authenticate");
    reply.close();
    RegistryAccess login = accessFor(ref.registry());
    String authorization;
    BearerChallenge challenge = BearerChallenge.parse(header);
    if (challenge != null) {
      authorization = "Bearer " + token(challenge, ref, login);
    } else if (header != null && header.strip().toLowerCase(Locale.ROOT).startsWith("basic")) {
      if (!login.hasLogin()) {
        throw unauthorized(ref, login, "it asks for a login and none is configured");
      }
      authorization = login.basicAuthorization(ref.registry());
    } else {
      throw unauthorized(ref, login, "no Basic or Bearer challenge");
    }
    authorizations.put(scopeKey, authorization);
    BlobReader again = await(send(url, headers, authority, authorization, 0), what, authority);
    if (again.status() == 401 || again.status() == 403) {
      again.close();
      authorizations.remove(scopeKey, authorization);
      throw unauthorized(
          ref, login, challenge != null ? "token refused" : "HTTP " + again.status());
    }
    return again;
  }

  /** Sends GET and follows redirects; the body is read through the returned reader. */
  private Future<BlobReader> send(
      String url, MultiMap headers, String authHost, String authorization, int hops) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(url)
            .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers))
            .setIdleTimeout(TIMEOUT.toMillis());
    if (authorization != null && Objects.equals(URI.create(url).getAuthority(), authHost)) {
      options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
    requests.incrementAndGet();
    HttpClient http = client(URI.create(url).getAuthority());
    Promise<BlobReader> reply = Promise.promise();
    context.runOnContext(
        v ->
            exchange(http, options, url, headers, authHost, authorization, hops).onComplete(reply));
    return reply.future();
  }

  private Future<BlobReader> exchange(
      HttpClient http,
      RequestOptions options,
      String url,
      MultiMap headers,
      String authHost,
      String authorization,
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
                return send(next, headers, authHost, authorization, hops + 1);
              }
              // Handlers are set here, on the event loop, before any body data is handled.
              return Future.succeededFuture(new BlobReader(resp, url, bodyBytes));
            });
  }

  /** A token from the challenge's realm, asked with the registry's login if one is configured. */
  private String token(BearerChallenge challenge, ImageReference ref, RegistryAccess login) {
    String scope =
        challenge.scope() != null ? challenge.scope() : "repository:" + ref.repository() + ":pull";
    StringBuilder url = new StringBuilder(challenge.realm());
    url.append(challenge.realm().contains("?") ? '&' : '?');
    if (challenge.service() != null) {
      url.append("service=").append(encode(challenge.service())).append('&');
    }
    url.append("scope=").append(encode(scope));
    String realmHost = URI.create(challenge.realm()).getAuthority();
    String basic = login.hasLogin() ? login.basicAuthorization(ref.registry()) : null;
    BlobReader reply =
        await(
            send(url.toString(), MultiMap.caseInsensitiveMultiMap(), realmHost, basic, 0),
            "token",
            realmHost);
    if (reply.status() != 200) {
      reply.close();
      throw unauthorized(ref, login, "token endpoint answered HTTP " + reply.status());
    }
    try {
      JsonNode json = JSON.readTree(reply.readAll("token"));
      String token = json.path("token").asText(json.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw unauthorized(ref, login, "token endpoint gave no token");
      }
      return token;
    } catch (IOException e) {
      throw unauthorized(ref, login, "unreadable token answer");
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Names the registry and the user, never the password. */
  private static RuntimeFailure unauthorized(ImageReference ref, RegistryAccess login, String why) {
    String who =
        login.hasLogin() ? "the login of user '" + login.username() + "'" : "an anonymous pull";
    return new RuntimeFailure(
        "Unauthorized",
        "registry " + ref.registry() + " refused " + who + " for " + ref.repository() + ": " + why,
        false);
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
    return await(future, what, null);
  }

  /** Waits for an exchange; a TLS failure with {@code host} is a failure of its own kind. */
  static <T> T await(Future<T> future, String what, String host) {
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
      SSLException tls = tlsCause(e.getCause());
      if (tls != null) {
        throw new RuntimeFailure(
            "RegistryTlsFailed",
            "TLS with registry "
                + host
                + " failed ("
                + rootMessage(tls)
                + "); if it uses a private CA, set its ca-file or registry-ca",
            false,
            tls);
      }
      throw new RuntimeFailure(
          "ImagePullFailed",
          what + ": registry unreachable: " + e.getCause().getMessage(),
          true,
          e.getCause());
    }
  }

  private static SSLException tlsCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
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
    clients.values().forEach(HttpClient::close);
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
    private long offset;

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

    /** Where in the blob this body starts (after a 206 answer to a Range request). */
    long offset() {
      return offset;
    }

    void startsAt(long from) {
      this.offset = from;
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
