package dev.skerry.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpGetProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private Vertx vertx;
  private HttpClient client;
  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger closedConnections = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    vertx = Loop.vertx();
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    server =
        vertx
            .createHttpServer()
            .connectionHandler(c -> c.closeHandler(v -> closedConnections.incrementAndGet()))
            .requestHandler(
                request -> {
                  requests.add(request.method() + " " + request.uri());
                  switch (request.path()) {
                    case "/hang" -> {} // accepts, reads the request, never answers
                    case "/endless" -> {
                      request.response().setChunked(true).write("x".repeat(1024));
                      vertx.setPeriodic(10, id -> request.response().write("more"));
                    }
                    case "/redirect" ->
                        request.response().setStatusCode(302).putHeader("Location", "/x").end();
                    default -> request.response().setStatusCode(status.get()).end("body");
                  }
                });
    Loop.await(server.listen(0, HttpGetProbe.HOST));
  }

  @AfterEach
  void stop() throws Exception {
    Loop.close(vertx);
  }

  private ProbeOutcome probe(String path, Duration timeout) throws Exception {
    HttpGetProbe probe = new HttpGetProbe(vertx, client, server.actualPort(), path, timeout);
    return Loop.await(vertx, probe::check);
  }

  @Test
  void passesOn200AndFailsOnceTheServerAnswers500() throws Exception {
    assertThat(probe("/healthz", TIMEOUT)).isEqualTo(ProbeOutcome.success("HTTP 200"));
    status.set(500);
    assertThat(probe("/healthz", TIMEOUT)).isEqualTo(ProbeOutcome.failure("HTTP 500"));
    status.set(200);
    assertThat(probe("/healthz", TIMEOUT)).isEqualTo(ProbeOutcome.success("HTTP 200"));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 204, 301, 399})
  void passesOnStatusesFrom200To399(int code) throws Exception {
    status.set(code);
    assertThat(probe("/healthz", TIMEOUT)).isEqualTo(ProbeOutcome.success("HTTP " + code));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 500, 503})
  void failsOnStatusesFrom400(int code) throws Exception {
    status.set(code);
    assertThat(probe("/healthz", TIMEOUT)).isEqualTo(ProbeOutcome.failure("HTTP " + code));
  }

  @Test
  void doesNotFollowRedirects() throws Exception {
    status.set(500); // what /x would answer
    assertThat(probe("/redirect", TIMEOUT)).isEqualTo(ProbeOutcome.success("HTTP 302"));
    assertThat(requests).containsExactly("GET /redirect");
  }

  @Test
  void sendsAGetForThePathWithItsQuery() throws Exception {
    probe("/health?verbose=1", TIMEOUT);
    assertThat(requests).containsExactly("GET /health?verbose=1");
  }

  @Test
  void getsTheRootWhenNoPathIsGiven() throws Exception {
    probe(null, TIMEOUT);
    assertThat(requests).containsExactly("GET /");
  }

  @Test
  void failsWithConnectionRefusedWhenNobodyListens() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HttpGetProbe probe = new HttpGetProbe(vertx, client, port, "/", TIMEOUT);
    assertThat(Loop.await(vertx, probe::check))
        .isEqualTo(ProbeOutcome.failure("connection refused"));
  }

  @Test
  void timesOutWhenTheServerNeverAnswersAndClosesTheConnection() throws Exception {
    long start = System.nanoTime();
    ProbeOutcome outcome = probe("/hang", Duration.ofMillis(300));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(outcome).isEqualTo(ProbeOutcome.failure("timed out after 300ms"));
    assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> closedConnections.get() == 1);
  }

  @Test
  void doesNotWaitForABodyThatNeverEnds() throws Exception {
    assertThat(probe("/endless", TIMEOUT)).isEqualTo(ProbeOutcome.success("HTTP 200"));
    await().atMost(Duration.ofSeconds(5)).until(() -> closedConnections.get() == 1);
  }

  @Test
  void usesAFreshConnectionForEveryProbe() throws Exception {
    probe("/healthz", TIMEOUT);
    probe("/healthz", TIMEOUT);
    await().atMost(Duration.ofSeconds(5)).until(() -> closedConnections.get() == 2);
  }
}
