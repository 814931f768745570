package dev.skerry.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skerry.core.spec.ImageReference;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry client against a loopback HTTP server that answers with a fixed status. */
class RegistryClientTest {
  private Vertx vertx;
  private HttpServer server;
  private volatile int status;
  private volatile String challenge;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (challenge != null) {
                    req.response().putHeader("WWW-Authenticate", challenge);
                  }
                  req.response().setStatusCode(status).end("{\"errors\":[]}");
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private RegistryException manifestFails(String host) {
    try (RegistryClient client = new RegistryClient(vertx, Set.of(host))) {
      ImageReference ref = ImageReference.parse(host + "/skerry/busybox:1");
      return catchThrowableOfType(
          RegistryException.class, () -> client.manifest(ref, ref.manifestReference()));
    }
  }

  private String host() {
    return "127.0.0.1:" + server.actualPort();
  }

  @Test
  void aMissingManifestIsImageNotFoundAndNotRetryable() {
    status = 404;

    RegistryException e = manifestFails(host());

    assertThat(e.reason()).isEqualTo("ImageNotFound");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aServerErrorIsRetryable() {
    status = 503;

    RegistryException e = manifestFails(host());

    assertThat(e.reason()).isEqualTo("ImagePullFailed");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void aLoginAskedForWithNoneConfiguredIsUnauthorizedAndNotRetryable() {
    status = 401;
    challenge = "Basic realm=\"registry\"";

    RegistryException e = manifestFails(host());

    assertThat(e.reason()).isEqualTo("Unauthorized");
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("anonymous pull", "none is configured");
  }

  @Test
  void aTokenRealmThatIsNotAnHttpUrlIsUnauthorizedWithTheReasonNotACrash() {
    status = 401;
    for (String realm : new String[] {"::not a url", "file:///etc/passwd", "/relative/token"}) {
      challenge = "Bearer realm=\"" + realm + "\",service=\"registry\"";

      RegistryException e = manifestFails(host());

      assertThat(e.reason()).as(realm).isEqualTo("Unauthorized");
      assertThat(e.retryable()).as(realm).isFalse();
      assertThat(e.getMessage()).as(realm).contains("token realm");
    }
  }

  @Test
  void aRefusedConnectionIsRetryable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }

    RegistryException e = manifestFails("127.0.0.1:" + closed);

    assertThat(e.reason()).isEqualTo("ImagePullFailed");
    assertThat(e.retryable()).isTrue();
  }
}
