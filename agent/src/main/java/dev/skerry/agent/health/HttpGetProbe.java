package dev.skerry.agent.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code GET http://127.0.0.1:port/path}: a status from 200 to 399 passes (redirects are not
 * followed), anything else fails, as does no answer within the timeout. Workloads use the host
 * network, so the container's port is the host's loopback port.
 */
public final class HttpGetProbe implements Probe {
  /** Where host-network workloads listen, from the agent's point of view. */
  public static final String HOST = "127.0.0.1";

  private final Vertx vertx;
  private final HttpClient client;
  private final int port;
  private final String path;
  private final Duration timeout;

  /**
   * @param client a client without keep-alive (each probe is a fresh connection, as a kubelet's)
   * @param path the request path, {@code /} when {@code null}
   */
  public HttpGetProbe(Vertx vertx, HttpClient client, int port, String path, Duration timeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.client = Objects.requireNonNull(client, "client");
    this.port = port;
    this.path = path == null ? "/" : path;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Future<ProbeOutcome> check() {
    // Vert.x's own timeouts only clean up after our deadline, which decides: twice as long.
    long ms = Math.max(1, timeout.toMillis()) * 2;
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(HOST)
            .setPort(port)
            .setURI(path)
            .setFollowRedirects(false)
            .setConnectTimeout(ms)
            .setIdleTimeout(ms)
            .putHeader(HttpHeaders.USER_AGENT, "skerry-agent-probe");
    HttpClientRequest[] sent = new HttpClientRequest[1]; // event loop only
    Future<ProbeOutcome> work =
        client
            .request(options)
            .compose(
                request -> {
                  sent[0] = request;
                  return request.send();
                })
            .map(HttpGetProbe::outcome);
    return Deadline.within(
        vertx,
        timeout,
        work,
        () -> {
          if (sent[0] != null) {
            sent[0].reset(); // closes the connection of a server that never answered
          }
        });
  }

  private static ProbeOutcome outcome(HttpClientResponse response) {
    int status = response.statusCode();
    // The status decides; the body is not read. Resetting closes the connection (no keep-alive
    // anyway) so that a body that never ends cannot hold it open.
    response.exceptionHandler(ignored -> {});
    response.request().reset();
    String text = "HTTP " + status;
    return status >= 200 && status < 400 ? ProbeOutcome.success(text) : ProbeOutcome.failure(text);
  }
}
