package dev.skerry.agent.registry;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The HTTP side of registry exchanges: one client per {@code host:port} (each trusting its
 * registry's CA), GETs that follow redirects and drop Authorization when the host changes, and the
 * blocking wait that turns a broken exchange into a {@link RegistryException}.
 */
final class RegistryHttp implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_REDIRECTS = 5;

  private final Vertx vertx;
  private final Context context;
  private final Function<String, Path> caFor;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bodyBytes = new AtomicLong();

  /** {@code caFor} gives the CA file trusted for a {@code host:port}, or null (system CAs). */
  RegistryHttp(Vertx vertx, Function<String, Path> caFor) {
    this.vertx = vertx;
    this.caFor = caFor;
    // Every request starts on this one context: the connection's event loop then delivers the
    // response on the same thread, so body handlers are set before any body data is handled.
    this.context = vertx.getOrCreateContext();
  }

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
          Path ca = caFor.apply(a);
          if (ca != null) {
            options.setTrustOptions(RegistryTrust.withCa(ca));
          }
          return vertx.createHttpClient(options);
        });
  }

  /**
   * GET {@code url}, following redirects; {@code authorization} is sent only to {@code authHost}.
   * Blocks until the headers are in; the body is read through the returned reader.
   */
  BlobReader get(String url, MultiMap headers, String authHost, String authorization, String what) {
    return await(send(url, headers, authHost, authorization, 0), what, authHost);
  }

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
                      RegistryException.transientFailure(
                          RegistryErrors.PULL_FAILED, "too many redirects at " + url, null));
                }
                String next = URI.create(url).resolve(location).toString();
                return send(next, headers, authHost, authorization, hops + 1);
              }
              // Handlers are set here, on the event loop, before any body data is handled.
              return Future.succeededFuture(new BlobReader(resp, url, bodyBytes));
            });
  }

  /** Waits for an exchange; a TLS failure with {@code host} is a failure of its own kind. */
  static <T> T await(Future<T> future, String what, String host) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw RegistryErrors.interrupted(what + ": interrupted", e);
    } catch (TimeoutException e) {
      throw RegistryErrors.timeout(what + ": registry did not answer in time", e);
    } catch (ExecutionException e) {
      throw RegistryErrors.ofTransport(e.getCause(), what, host);
    }
  }

  long bodyBytes() {
    return bodyBytes.get();
  }

  long requestCount() {
    return requests.get();
  }

  @Override
  public void close() {
    clients.values().forEach(HttpClient::close);
  }
}
